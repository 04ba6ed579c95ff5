using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// Identity's error messages in the reader's language (the registration, reset and profile forms show them). The
/// codes stay Identity's own, so code that reads <see cref="IdentityError.Code"/> is unaffected.
/// </summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> text) : IdentityErrorDescriber
{
    private IdentityError Say(string code, string key, params object[] arguments) =>
        new() { Code = code, Description = text[key, arguments] };

    public override IdentityError DefaultError() => Say(nameof(DefaultError), "Something went wrong with the account; please try again.");

    public override IdentityError ConcurrencyFailure() =>
        Say(nameof(ConcurrencyFailure), "The account was changed at the same moment; please try again.");

    public override IdentityError PasswordMismatch() => Say(nameof(PasswordMismatch), "The password is not right.");

    public override IdentityError InvalidToken() => Say(nameof(InvalidToken), "This link is not valid or has expired.");

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Say(nameof(RecoveryCodeRedemptionFailed), "This recovery code is not valid.");

    public override IdentityError LoginAlreadyAssociated() =>
        Say(nameof(LoginAlreadyAssociated), "This sign-in is already linked to another account.");

    public override IdentityError InvalidUserName(string? userName) =>
        Say(nameof(InvalidUserName), "The user name '{0}' is not valid: use letters or digits only.", userName ?? "");

    public override IdentityError InvalidEmail(string? email) =>
        Say(nameof(InvalidEmail), "'{0}' is not a valid email address.", email ?? "");

    public override IdentityError DuplicateUserName(string userName) =>
        Say(nameof(DuplicateUserName), "The user name '{0}' is already in use.", userName);

    public override IdentityError DuplicateEmail(string email) =>
        Say(nameof(DuplicateEmail), "The email address '{0}' is already in use.", email);

    public override IdentityError InvalidRoleName(string? role) =>
        Say(nameof(InvalidRoleName), "The role name '{0}' is not valid.", role ?? "");

    public override IdentityError DuplicateRoleName(string role) =>
        Say(nameof(DuplicateRoleName), "The role name '{0}' is already in use.", role);

    public override IdentityError UserAlreadyHasPassword() =>
        Say(nameof(UserAlreadyHasPassword), "This account already has a password.");

    public override IdentityError UserLockoutNotEnabled() =>
        Say(nameof(UserLockoutNotEnabled), "Locking is not enabled for this account.");

    public override IdentityError UserAlreadyInRole(string role) =>
        Say(nameof(UserAlreadyInRole), "The account already has the role '{0}'.", role);

    public override IdentityError UserNotInRole(string role) =>
        Say(nameof(UserNotInRole), "The account does not have the role '{0}'.", role);

    public override IdentityError PasswordTooShort(int length) =>
        Say(nameof(PasswordTooShort), "The password must have at least {0} characters.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Say(nameof(PasswordRequiresUniqueChars), "The password must use at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Say(nameof(PasswordRequiresNonAlphanumeric), "The password must contain at least one character that is neither a letter nor a digit.");

    public override IdentityError PasswordRequiresDigit() =>
        Say(nameof(PasswordRequiresDigit), "The password must contain at least one digit (0-9).");

    public override IdentityError PasswordRequiresLower() =>
        Say(nameof(PasswordRequiresLower), "The password must contain at least one lowercase letter (a-z).");

    public override IdentityError PasswordRequiresUpper() =>
        Say(nameof(PasswordRequiresUpper), "The password must contain at least one uppercase letter (A-Z).");
}
