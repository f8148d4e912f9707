package io.gscam.protocol.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Looks up a user's password, for the server-side verifiers. */
@FunctionalInterface
public interface Accounts {
    Optional<String> passwordOf(String username);

    /** A fixed set of accounts; a camera has one ({@code --user/--password}). */
    static Accounts of(Credentials... accounts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Credentials c : accounts) {
            map.put(c.username(), c.password());
        }
        Map<String, String> copy = Map.copyOf(map);
        return username -> Optional.ofNullable(copy.get(username));
    }
}
