package io.gscam.protocol.auth;

import java.util.Objects;

/** A user name and password. {@link #toString()} never shows the password, so logs cannot leak it. */
public record Credentials(String username, String password) {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
