global using Microsoft.VisualStudio.TestTools.UnitTesting;
global using TinierHAR.Cli.Tests;
