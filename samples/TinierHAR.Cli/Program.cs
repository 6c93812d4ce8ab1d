using TinierHAR.Cli;

return HarCommandLine.Build().Parse(args).Invoke();
