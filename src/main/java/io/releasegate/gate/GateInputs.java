package io.releasegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.Pool;
import io.releasegate.config.YamlNode;
import io.releasegate.diff.GitRepository;
import io.releasegate.diff.RepositoryConfigs;
import io.releasegate.diff.RepositoryException;
import io.releasegate.policy.Policy;
import io.releasegate.policy.PolicyException;
import io.releasegate.policy.PolicySource;
import io.releasegate.paging.EscalationConfig;
import io.releasegate.paging.EscalationConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a gate run reads before it changes anything: the policy at head, its {@code verify:} and {@code escalation:}
 * sections, and the verified pool as declared at base and at head. Every problem is bad input (exit code 2).
 *
 * @param policy     the policy
 * @param settings   the {@code verify:} section
 * @param escalation the {@code escalation:} section, empty when the policy has none
 * @param basePool   the pool as declared at base (what a rollback restores), empty when base lacks it
 * @param headPool   the pool as declared at head
 */
public record GateInputs(Policy policy, GateSettings settings, Optional<EscalationConfig> escalation,
        Optional<Pool> basePool, Pool headPool) {
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    /** Reads the inputs of a run of {@code base..head} in {@code repository}. */
    public static GateInputs read(Path repository, String base, String head, Optional<Path> policyFile)
            throws GateInputException {
        try (GitRepository git = GitRepository.open(repository)) {
            Policy policy = PolicySource.load(git, head, policyFile);
            GateSettings settings = GateSettings.read(policy.verify(), policy.source());
            Optional<EscalationConfig> escalation = policy.escalation().isPresent()
                    ? Optional.of(escalation(policy.escalation().get()))
                    : Optional.empty();
            FileRules rules = FileRules.of(policy.files());
            Pool headPool = pool(git, head, rules, settings.pool()).orElseThrow(() -> new GateInputException(
                    "verify.pool '" + settings.pool() + "' is not declared in any load-balancer file at " + head));
            return new GateInputs(policy, settings, escalation, pool(git, base, rules, settings.pool()), headPool);
        } catch (RepositoryException | PolicyException e) {
            throw new GateInputException(e.getMessage(), e);
        } catch (ConfigParseException e) {
            throw new GateInputException("invalid policy " + e.getMessage(), e);
        } catch (EscalationConfigException e) {
            throw new GateInputException("invalid escalation: section: " + e.getMessage(), e);
        }
    }

    /** The pool {@code name} in the load-balancer files of {@code revision}. */
    public static Optional<Pool> pool(GitRepository git, String revision, FileRules rules, String name)
            throws RepositoryException {
        for (ConfigFile file : RepositoryConfigs.at(git, revision, rules).files()) {
            for (Pool pool : file.pools()) {
                if (pool.name().equals(name)) {
                    return Optional.of(pool);
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code escalation:} section; errors name the policy file and the line of the key at fault. */
    static EscalationConfig escalation(YamlNode section) throws ConfigParseException, EscalationConfigException {
        Map<String, Integer> lines = new HashMap<>();
        index(section, "/" + section.path(), lines);
        return EscalationConfig.fromJson(toJson(section), section.file(), lines);
    }

    /** The line of every value below {@code node}, by its path ({@code /escalation/contacts/pd}). */
    private static void index(YamlNode node, String pointer, Map<String, Integer> lines) throws ConfigParseException {
        lines.put(pointer, node.line());
        switch (node.kind()) {
            case MAP -> {
                for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
                    index(entry.getValue(), pointer + "/" + entry.getKey(), lines);
                }
            }
            case LIST -> {
                for (int i = 0; i < node.items().size(); i++) {
                    index(node.items().get(i), pointer + "/" + i, lines);
                }
            }
            default -> {
                // a value: its own line is all there is
            }
        }
    }

    /**
     * The YAML tree as JSON for the {@code escalation:} reader: plain whole numbers become numbers, {@code true} and
     * {@code false} booleans, everything else text.
     */
    static JsonNode toJson(YamlNode node) throws ConfigParseException {
        JsonNodeFactory json = JsonNodeFactory.instance;
        switch (node.kind()) {
            case MAP -> {
                ObjectNode object = json.objectNode();
                for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
                    object.set(entry.getKey(), toJson(entry.getValue()));
                }
                return object;
            }
            case LIST -> {
                ArrayNode array = json.arrayNode();
                for (YamlNode item : node.items()) {
                    array.add(toJson(item));
                }
                return array;
            }
            case NULL -> {
                return json.nullNode();
            }
            default -> {
                String text = node.asText();
                if (INTEGER.matcher(text).matches()) {
                    return json.numberNode(Long.parseLong(text));
                }
                if (text.equals("true") || text.equals("false")) {
                    return json.booleanNode(Boolean.parseBoolean(text));
                }
                return json.textNode(text);
            }
        }
    }
}
