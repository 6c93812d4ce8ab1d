using Microsoft.AspNetCore.Authentication;

namespace TinierHAR.Service.Hosting;

/// <summary>The API-key scheme's one setting.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The key requests must send.</summary>
    public string Key { get; set; } = "";
}
