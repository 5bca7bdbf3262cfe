package org.amtsgang.identity.internal;

/** What clients send to the login endpoints. */
final class AuthRequests {

    private AuthRequests() {}

    record Register(String email, String password, String displayName) {}

    record Confirm(String email, String code) {}

    record Login(String email, String password, String totp, String newPassword) {}

    record Refresh(String refreshToken) {}

    record ResetRequest(String email) {}

    record Reset(String email, String code, String newPassword) {}

    record ChangePassword(String currentPassword, String newPassword) {}

    record Accepted(String status, String message) {}
}
