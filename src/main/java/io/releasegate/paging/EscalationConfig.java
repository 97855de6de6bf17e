package io.releasegate.paging;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasegate.log.LogSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The {@code escalation:} section of {@code .releasegate.yml}: the ordered chain of contact names, the contacts,
 * and the retry policy per contact. Read it with {@link #fromYaml(Path)}, {@link #fromJson(JsonNode)} or
 * {@link #fromMap(Map)}; turn it into an {@link Escalation} with {@link #escalation(Secrets, LogSink)}.
 */
public record EscalationConfig(List<String> chain, Map<String, ContactConfig> contacts, RetryPolicy retry)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public EscalationConfig {
        chain = List.copyOf(chain);
        contacts = Collections.unmodifiableMap(new LinkedHashMap<>(contacts));
        for (String name : chain) {
            if (!contacts.containsKey(name)) {
                throw new IllegalArgumentException("the chain names an unknown contact '" + name + "'");
            }
        }
    }

    /**
     * Reads the {@code escalation:} key of a YAML file (e.g. {@code .releasegate.yml}) without checking its secret
     * references (for documents such as the playbook; before paging use {@link #fromYaml(Path, Secrets)}).
     */
    public static EscalationConfig fromYaml(Path file) throws EscalationConfigException {
        return EscalationConfigReader.fromYaml(file, null);
    }

    /**
     * Reads the {@code escalation:} key of a YAML file and checks every secret reference with
     * {@link Secrets#check}, so that a forbidden one is refused, naming file, line and key, before anything is read
     * or sent.
     */
    public static EscalationConfig fromYaml(Path file, Secrets secrets) throws EscalationConfigException {
        return EscalationConfigReader.fromYaml(file, secrets);
    }

    /**
     * Reads the {@code escalation:} key of YAML text already read from the file {@code name} (which errors name) and
     * checks every secret reference as {@link #fromYaml(Path, Secrets)} does.
     */
    public static EscalationConfig fromYaml(String name, String text, Secrets secrets)
            throws EscalationConfigException {
        return EscalationConfigReader.fromYaml(name, text, secrets);
    }

    /** Maps the node under {@code escalation:}; errors name the key. */
    public static EscalationConfig fromJson(JsonNode escalation) throws EscalationConfigException {
        return EscalationConfigReader.fromJson(escalation, null, null, null);
    }

    /**
     * Maps the node under {@code escalation:} read from {@code file}; errors name the file, the key and its line.
     *
     * @param lines the line of each value by its path from the document's root ({@code /escalation/contacts/pd})
     */
    public static EscalationConfig fromJson(JsonNode escalation, String file, Map<String, Integer> lines)
            throws EscalationConfigException {
        return EscalationConfigReader.fromJson(escalation, file, lines, null);
    }

    /**
     * As {@link #fromJson(JsonNode, String, Map)}, checking every secret reference with {@link Secrets#check}
     * (errors name the file, the line and the key).
     */
    public static EscalationConfig fromJson(JsonNode escalation, String file, Map<String, Integer> lines,
            Secrets secrets) throws EscalationConfigException {
        return EscalationConfigReader.fromJson(escalation, file, lines, secrets);
    }

    /** Maps the value under {@code escalation:} as plain maps and lists (e.g. from SnakeYAML or Jackson). */
    public static EscalationConfig fromMap(Map<String, ?> escalation) throws EscalationConfigException {
        return fromJson(PageJson.MAPPER.valueToTree(escalation));
    }

    /** The contact {@code name}, or {@link IllegalArgumentException} naming the known contacts. */
    public ContactConfig contact(String name) {
        ContactConfig contact = contacts.get(name);
        if (contact == null) {
            throw new IllegalArgumentException("no contact '" + name + "' in escalation.contacts (known: "
                    + String.join(", ", contacts.keySet()) + ")");
        }
        return contact;
    }

    /**
     * The contacts an outbox entry is resent to: the ones it was meant for that this configuration still has, else
     * the whole chain.
     */
    public List<String> chainFor(OutboxEntry entry) {
        List<String> known = entry.chain().stream().filter(contacts::containsKey).toList();
        return known.isEmpty() ? chain : known;
    }

    /** The whole chain with real time, real sleeps and random jitter. */
    public Escalation escalation(Secrets secrets, LogSink log) {
        return escalation(chain, secrets, Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(),
                log);
    }

    /** An escalation over {@code names} (in that order), resolving each contact's secrets now. */
    public Escalation escalation(List<String> names, Secrets secrets, Clock clock, Sleeper sleeper,
            RandomGenerator random, LogSink log) {
        List<Contact> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(new Contact(name, contact(name).pager(secrets)));
        }
        return new Escalation(selected, retry, clock, sleeper, random, log);
    }
}
