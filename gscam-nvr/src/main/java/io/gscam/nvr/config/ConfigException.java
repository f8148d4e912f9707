package io.gscam.nvr.config;

/** A configuration the NVR refuses: one line naming the key and its line in the file. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
