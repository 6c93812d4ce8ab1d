namespace TinierHAR.Datasets.Formats;

/// <summary>How a dataset's text lines are split into fields, as the authors' loaders split them.</summary>
internal enum FieldSplit
{
    /// <summary>Runs of spaces or tabs (pandas <c>delim_whitespace</c>).</summary>
    Whitespace,
    /// <summary>Runs of spaces or tabs, or single commas: whitespace files that a redistributed copy turned into CSV.</summary>
    WhitespaceOrComma,
    /// <summary>Exactly one space between fields (pandas <c>sep=' '</c>): two spaces make an empty field.</summary>
    SingleSpace,
    /// <summary>Commas.</summary>
    Comma,
    /// <summary>Tabs.</summary>
    Tab,
}
