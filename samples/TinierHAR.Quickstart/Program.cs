using System.CommandLine;
using TinierHAR.MLNet.Data;
using TinierHAR.Quickstart;

var epochs = new Option<int>("--epochs") { Description = "Most training epochs (early stopping may end sooner)", DefaultValueFactory = _ => 40 };
var subjects = new Option<int>("--subjects") { Description = $"Synthetic subjects (the last {QuickstartRun.HeldOutSubjects} are held out)", DefaultValueFactory = _ => QuickstartRun.DefaultSubjects };
var seed = new Option<int>("--seed") { Description = "Seed of the data and of training", DefaultValueFactory = _ => 1 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the bundle, the .onnx file and the scored log", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "quickstart")) };
var data = new Option<string?>("--data") { Description = "A CSV file or folder of samples instead of the synthetic data" };
var channels = new Option<string>("--channels") { Description = "With --data: comma-separated channel columns", DefaultValueFactory = _ => string.Join(",", ImuSample.ChannelNames) };
var label = new Option<string>("--label") { Description = "With --data: the label column", DefaultValueFactory = _ => "Activity" };
var subject = new Option<string>("--subject") { Description = "With --data: the subject column", DefaultValueFactory = _ => "Subject" };
var time = new Option<string>("--time") { Description = "With --data: the timestamp column (seconds)", DefaultValueFactory = _ => "Time" };
var rate = new Option<double>("--rate") { Description = "With --data: the sampling rate in Hz", DefaultValueFactory = _ => 50 };
var int8 = new Option<bool>("--int8") { Description = "Also write the network in int8 (QDQ, calibrated on the training windows) and compare the two on the held-out windows" };
var root = new RootCommand("TinierHAR.MLNet quickstart: samples → windows → normalisation → TinierHAR → metrics → bundle → scored log.")
{
    epochs, subjects, seed, output, data, channels, label, subject, time, rate, int8,
};
root.SetAction(parse => QuickstartRun.Run(new QuickstartSettings(
    parse.GetValue(epochs), parse.GetValue(subjects), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(data),
    parse.GetValue(channels)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    parse.GetValue(label)!, parse.GetValue(subject)!, parse.GetValue(time)!, parse.GetValue(rate), parse.GetValue(int8)), Console.Out));
return root.Parse(args).Invoke();
