using System.CommandLine;
using TinierHAR.Quickstart;

var epochs = new Option<int>("--epochs") { Description = "Most training epochs (early stopping may end sooner)", DefaultValueFactory = _ => 40 };
var subjects = new Option<int>("--subjects") { Description = "Synthetic subjects (the last 3 are held out)", DefaultValueFactory = _ => 10 };
var seed = new Option<int>("--seed") { Description = "Seed of the data and of training", DefaultValueFactory = _ => 1 };
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the model, the .onnx file and the scored log", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "quickstart")) };
var root = new RootCommand("TinierHAR.MLNet quickstart: synthetic IMU data → windows → normalisation → TinierHAR → metrics → saved model → scored log.")
{
    epochs, subjects, seed, output,
};
root.SetAction(parse => QuickstartRun.Run(parse.GetValue(epochs), parse.GetValue(subjects), parse.GetValue(seed), parse.GetValue(output)!, Console.Out));
return root.Parse(args).Invoke();
