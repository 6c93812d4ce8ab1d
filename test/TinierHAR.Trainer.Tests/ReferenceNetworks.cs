using TinierHAR.MLNet.Architectures;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Networks;

namespace TinierHAR.Trainer.Tests;

/// <summary>Builds our network for a golden fixture from the reference code's configuration names.</summary>
internal static class ReferenceNetworks
{
    public static HarNetworkOptions OptionsFor(GoldenFixture fixture)
    {
        var config = fixture.Config;
        return fixture.Model switch
        {
            "TinierHAR" => new TinierHarOptions
            {
                Filters = config.GetProperty("nb_filters").GetInt32(),
                ExtraBlocks = config.GetProperty("nb_conv_blocks").GetInt32(),
                RecurrentUnits = config.GetProperty("nb_units_gru").GetInt32(),
                Dropout = config.GetProperty("drop_prob").GetDouble(),
            },
            "TinyHAR" => new TinyHarOptions
            {
                Filters = config.GetProperty("filter_num").GetInt32(),
                Dropout = config.GetProperty("dropout").GetDouble(),
            },
            "DeepConvLSTM" => new DeepConvLstmOptions
            {
                ConvBlocks = config.GetProperty("nb_conv_blocks").GetInt32(),
                Filters = config.GetProperty("nb_filters").GetInt32(),
                LstmUnits = config.GetProperty("nb_units_lstm").GetInt32(),
                LstmLayers = config.GetProperty("nb_layers_lstm").GetInt32(),
                Dropout = config.GetProperty("drop_prob").GetDouble(),
            },
            _ => throw new NotSupportedException(fixture.Model),
        };
    }

    public static HarNetwork Create(GoldenFixture fixture) =>
        HarNetwork.Create(OptionsFor(fixture), fixture.Window, fixture.Channels, fixture.Classes);
}
