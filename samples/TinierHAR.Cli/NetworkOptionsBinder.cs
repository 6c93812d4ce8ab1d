using System.CommandLine;
using TinierHAR.MLNet;
using TinierHAR.MLNet.Architectures;

namespace TinierHAR.Cli;

/// <summary>The model options shared by verbs that build a network: architecture and its hyper-parameters.</summary>
internal sealed class NetworkOptionsBinder
{
    private readonly Option<string> model;
    private readonly Option<int?> filters = new("--filters") { Description = "Filters (TinierHAR F, TinyHAR filter_num, DeepConvLSTM filters)" };
    private readonly Option<int?> extraBlocks = new("--extra-blocks") { Description = "TinierHAR: extra blocks M" };
    private readonly Option<int?> units = new("--recurrent-units") { Description = "TinierHAR: recurrent units H; DeepConvLSTM: LSTM units" };
    private readonly Option<int?> kernel = new("--kernel") { Description = "TinierHAR: temporal kernel (odd)" };
    private readonly Option<bool> noResidual = new("--no-residual") { Description = "TinierHAR: without residual shortcuts" };
    private readonly Option<ConvolutionKind?> convolution = new("--convolution") { Description = "TinierHAR: DepthwiseSeparable or Standard" };
    private readonly Option<RecurrentKind?> recurrent = new("--recurrent") { Description = "TinierHAR: Gru, Lstm or None" };
    private readonly Option<bool> unidirectional = new("--unidirectional") { Description = "TinierHAR: one-directional recurrent layer" };
    private readonly Option<TemporalAggregation?> aggregation = new("--aggregation") { Description = "TinierHAR: Attention, LastStep or Mean" };
    private readonly Option<int?> convBlocks = new("--conv-blocks") { Description = "DeepConvLSTM: convolution blocks" };
    private readonly Option<int?> lstmLayers = new("--lstm-layers") { Description = "DeepConvLSTM: LSTM layers" };

    /// <summary>The options; <c>--model</c> is required, or defaults to <paramref name="defaultModel"/>.</summary>
    public NetworkOptionsBinder(string? defaultModel = null)
    {
        model = new Option<string>("--model") { Description = "tinierhar, tinyhar or deepconvlstm", Required = defaultModel is null };
        if (defaultModel is not null) model.DefaultValueFactory = _ => defaultModel;
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { model, filters, extraBlocks, units, kernel, noResidual, convolution, recurrent, unidirectional, aggregation, convBlocks, lstmLayers })
            command.Options.Add(option);
    }

    public HarNetworkOptions Bind(ParseResult parse)
    {
        var name = parse.GetValue(model)!;
        OptionRules.Require(HarNetworkOptions.Architectures.Contains(name.ToLowerInvariant()), "--model",
            $"'{name}' is not one of {string.Join(", ", HarNetworkOptions.Architectures)}.");
        var options = HarNetworkOptions.Create(name);
        return options switch
        {
            TinierHarOptions tinier => Apply(tinier, o =>
            {
                o.Filters = parse.GetValue(filters) ?? o.Filters;
                o.ExtraBlocks = parse.GetValue(extraBlocks) ?? o.ExtraBlocks;
                o.RecurrentUnits = parse.GetValue(units) ?? o.RecurrentUnits;
                o.KernelSize = parse.GetValue(kernel) ?? o.KernelSize;
                o.ResidualShortcut = !parse.GetValue(noResidual);
                o.Convolution = parse.GetValue(convolution) ?? o.Convolution;
                o.Recurrent = parse.GetValue(recurrent) ?? o.Recurrent;
                o.Bidirectional = !parse.GetValue(unidirectional);
                o.Aggregation = parse.GetValue(aggregation) ?? o.Aggregation;
            }),
            TinyHarOptions tiny => Apply(tiny, o => o.Filters = parse.GetValue(filters) ?? o.Filters),
            DeepConvLstmOptions deep => Apply(deep, o =>
            {
                o.Filters = parse.GetValue(filters) ?? o.Filters;
                o.LstmUnits = parse.GetValue(units) ?? o.LstmUnits;
                o.ConvBlocks = parse.GetValue(convBlocks) ?? o.ConvBlocks;
                o.LstmLayers = parse.GetValue(lstmLayers) ?? o.LstmLayers;
            }),
            _ => options,
        };
    }

    private static T Apply<T>(T options, Action<T> configure)
    {
        configure(options);
        return options;
    }
}
