package io.releasegate.config;

/** Reads one file of one format into the model. Implementations are stateless and thread-safe. */
public interface ConfigParser {
    ConfigFormat format();

    /**
     * @param path     the file's path, used in errors and in the model
     * @param content  the file's text
     * @param resolver reads files the content refers to
     * @throws ConfigParseException for anything that is not a valid file of this format; nothing else is thrown
     */
    ConfigFile parse(String path, String content, SourceResolver resolver) throws ConfigParseException;
}
