using Microsoft.AspNetCore.Identity;

namespace CemOnPrem.Identity.Users;

/// <summary>A person who signs in. Roles and scope (org units, regions) are Identity roles and claims.</summary>
public sealed class CemUser : IdentityUser
{
    /// <summary>A disabled user cannot sign in and their tokens stop working at once.</summary>
    public bool Disabled { get; set; }
}
