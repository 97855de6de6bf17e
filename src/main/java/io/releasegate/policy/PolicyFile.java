package io.releasegate.policy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.YamlNode;
import io.releasegate.config.YamlReader;
import java.util.Optional;

/**
 * The policy file at one revision, as committed: absent, valid, or invalid with the error.
 *
 * @param path     the repository-relative path, e.g. {@code .releasegate.yml}
 * @param revision the full SHA of the revision
 * @param text     the file's text; empty when the revision has no such file
 * @param root     the file as read, when it is valid YAML and a valid policy
 * @param policy   the policy, when valid
 * @param error    why it is not valid, when it is not
 */
record PolicyFile(String path, String revision, Optional<String> text, Optional<YamlNode> root,
        Optional<Policy> policy, Optional<ConfigParseException> error) {

    /** Parses the text of {@code path} at {@code revision} (empty when absent). */
    static PolicyFile of(String path, String revision, Optional<String> text) {
        if (text.isEmpty()) {
            return new PolicyFile(path, revision, text, Optional.empty(), Optional.empty(), Optional.empty());
        }
        try {
            YamlNode root = YamlReader.read(path, text.get());
            Policy policy = PolicyLoader.parse(root).withSource(shortSha(revision) + ":" + path);
            return new PolicyFile(path, revision, text, Optional.of(root), Optional.of(policy), Optional.empty());
        } catch (ConfigParseException e) {
            return new PolicyFile(path, revision, text, Optional.empty(), Optional.empty(), Optional.of(e));
        }
    }

    boolean present() {
        return text.isPresent();
    }

    static String shortSha(String sha) {
        return sha.length() > 10 ? sha.substring(0, 10) : sha;
    }
}
