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
import io.releasegate.policy.PolicyLocation;
import io.releasegate.policy.PolicySource;
import io.releasegate.paging.EscalationConfig;
import io.releasegate.paging.EscalationConfigException;
import io.releasegate.paging.Secrets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a gate run reads before it changes anything: the policy that judges the change (the operator's, else the one
 * at the <b>base</b> revision, never the change's own), its {@code verify:} and {@code escalation:} sections (so the
 * endpoints paged and the secrets sent come only from what was reviewed or from the operator), and the verified pool
 * as declared at base and at head. Every problem is bad input (exit code 2).
 *
 * @param policy     the judging policy
 * @param settings   the {@code verify:} section
 * @param escalation the {@code escalation:} section, empty when the policy has none
 * @param basePool   the pool as declared at base (what a rollback restores), empty when base lacks it
 * @param headPool   the pool as declared at head
 */
public record GateInputs(Policy policy, GateSettings settings, Optional<EscalationConfig> escalation,
        Optional<Pool> basePool, Pool headPool) {
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    /**
     * Reads the inputs of a run of {@code base..head} in {@code repository}, without checking the escalation's
     * secret references (for documents such as the playbook; a run that pages uses
     * {@link #read(Path, String, String, Optional, Secrets)}).
     */
    public static GateInputs read(Path repository, String base, String head, Optional<Path> policyFile)
            throws GateInputException {
        return read(repository, base, head, policyFile, null);
    }

    /**
     * Reads the inputs of a run of {@code base..head} in {@code repository} and checks every secret reference of
     * the escalation with {@code secrets}, so that one the operator does not allow is refused (naming the policy
     * file, line and key) before anything is read or sent.
     *
     * @param policyFile an operator's policy file, or empty for {@code .releasegate.yml} at the base revision
     * @param secrets    what the run resolves secrets with; null: no check
     */
    public static GateInputs read(Path repository, String base, String head, Optional<Path> policyFile,
            Secrets secrets) throws GateInputException {
        try (GitRepository git = GitRepository.open(repository)) {
            String baseSha = git.resolve(base);
            Policy policy = PolicySource.judging(git, baseSha, PolicySource.resolve(git, baseSha, git.resolve(head),
                    PolicyLocation.of(policyFile)));
            GateSettings settings = GateSettings.read(policy.verify(), policy.source());
            Optional<EscalationConfig> escalation = policy.escalation().isPresent()
                    ? Optional.of(escalation(policy.escalation().get(), secrets))
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
            throw new GateInputException("invalid escalation: section of the judging policy: " + e.getMessage(), e);
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

    /** The {@code escalation:} section, its secret references not checked. */
    static EscalationConfig escalation(YamlNode section) throws ConfigParseException, EscalationConfigException {
        return escalation(section, null);
    }

    /**
     * The {@code escalation:} section, its secret references checked with {@code secrets} (when not null); errors
     * name the policy file and the line of the key at fault.
     */
    public static EscalationConfig escalation(YamlNode section, Secrets secrets)
            throws ConfigParseException, EscalationConfigException {
        Map<String, Integer> lines = new HashMap<>();
        index(section, "/" + section.path(), lines);
        return EscalationConfig.fromJson(toJson(section), section.file(), lines, secrets);
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
