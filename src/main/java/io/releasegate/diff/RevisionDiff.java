package io.releasegate.diff;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileRules;
import io.releasegate.config.read.Parsers;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import io.releasegate.log.LogSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The semantic diff of load-balancer configuration between two git revisions: finds the changed configuration files
 * (renames followed), parses both sides from git objects, and compares pools by their effective values.
 */
public final class RevisionDiff {
    /**
     * A changed configuration file with both sides parsed, each in its own format ({@code formatBefore} is the
     * format the base side was read in); when the head side cannot be parsed, {@code unparseable} is the
     * {@code sha256:} of what was read of it (else empty).
     */
    private record Pair(DiffResult.FileEntry entry, ConfigFormat formatBefore, ParsedFile before, ParsedFile after,
            String unparseable) {
    }

    /** A pool and the file it is reported under. */
    private record Located(String file, Pool pool) {
    }

    private final GitRepository repository;
    private final FileRules rules;
    private final LogSink log;
    private final Duration holdMaxDuration;
    private final Clock clock;

    public RevisionDiff(GitRepository repository, FileRules rules, LogSink log) {
        this(repository, rules, log, Duration.ofHours(24), Clock.systemUTC());
    }

    /**
     * @param holdMaxDuration the judging policy's {@code holds.maxDuration}
     * @param clock           the time holds are judged at (a removal within a hold is planned)
     */
    public RevisionDiff(GitRepository repository, FileRules rules, LogSink log, Duration holdMaxDuration,
            Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.log = log;
        this.holdMaxDuration = holdMaxDuration;
        this.clock = clock;
    }

    /**
     * Compares two revisions.
     *
     * @param includePatch also produce the unified diff of the load-balancer files
     */
    public DiffResult compare(String baseRevision, String headRevision, boolean includePatch)
            throws RepositoryException {
        String base = repository.resolve(baseRevision);
        String head = repository.resolve(headRevision);
        GitRepository.Changes changed = repository.changes(base, head, rules::candidate, followsIncludes());
        List<Pair> pairs = readAll(changed.candidates(), base, head);
        List<Pair> roots = includingRoots(base, head, changed, pairs);
        if (!roots.isEmpty()) {
            // a file a compared root includes is seen through the root, with its effective values, and only there
            java.util.Set<String> viaRoots = new java.util.HashSet<>();
            for (Pair root : roots) {
                for (ParsedFile side : List.of(root.before(), root.after())) {
                    if (side.parsed()) {
                        viaRoots.addAll(side.file().includes());
                    }
                }
            }
            pairs.removeIf(pair -> viaRoots.contains(pair.entry().path()) || viaRoots.contains(pair.entry().oldPath()));
            pairs.addAll(roots);
        }
        log.info("%d load-balancer file(s) differ between %s and %s", pairs.size(), abbreviate(base),
                abbreviate(head));
        List<Change> changes = new ArrayList<>();
        List<DiffResult.ParseError> errors = new ArrayList<>();
        Map<String, Located> removedPools = new LinkedHashMap<>();
        Map<String, Located> addedPools = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            compareFile(pair, changes, errors, removedPools, addedPools);
        }
        matchMovedPools(removedPools, addedPools, changes);
        HoldChanges holds = HoldChanges.between(repository, base, head, holdMaxDuration, clock.instant());
        changes = new ArrayList<>(holds.explain(changes));
        changes.addAll(holds.changes());
        errors.addAll(holds.errors());
        changes.addAll(CheckoutAttributeChanges.between(repository, base, head));
        List<DiffResult.FileEntry> files = pairs.stream().map(Pair::entry).toList();
        String patch = includePatch
                ? repository.patch(base, head, files.stream().flatMap(f -> List.of(f.path(), f.oldPath()).stream())
                        .distinct().toList())
                : "";
        return new DiffResult(base, head, files, changes, touchedPools(pairs, changes), errors,
                repository.authors(base, head), patch);
    }

    /**
     * Reads and parses both sides of every changed candidate, on as many threads as there are cores (at most 4): the
     * files are independent and parsing dominates a large diff. Results keep the tree-walk order.
     */
    private List<Pair> readAll(List<GitRepository.ChangedBlob> blobs, String base, String head)
            throws RepositoryException {
        int threads = Math.min(4, Math.min(blobs.size(), Runtime.getRuntime().availableProcessors()));
        if (threads <= 1) {
            List<Pair> pairs = new ArrayList<>();
            for (GitRepository.ChangedBlob blob : blobs) {
                read(blob, base, head).ifPresent(pairs::add);
            }
            return pairs;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "release-gate-parse");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Optional<Pair>>> futures = new ArrayList<>();
            for (GitRepository.ChangedBlob blob : blobs) {
                futures.add(pool.submit(() -> read(blob, base, head)));
            }
            List<Pair> pairs = new ArrayList<>();
            for (Future<Optional<Pair>> future : futures) {
                future.get().ifPresent(pairs::add);
            }
            return pairs;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RepositoryException repositoryException) {
                throw repositoryException;
            }
            throw new RepositoryException("cannot read the changed files: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException("interrupted while reading the changed files", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Optional<Pair> read(GitRepository.ChangedBlob blob, String base, String head) throws RepositoryException {
        FileChange change = blob.change();
        Optional<String> oldText = blob.change().status() == FileChange.Status.ADDED
                ? Optional.empty() : repository.readBlob(blob.oldId());
        Optional<String> newText = blob.change().status() == FileChange.Status.DELETED
                ? Optional.empty() : repository.readBlob(blob.newId());
        // each side in the format its own path and content give it, so a head that makes its file look like another
        // format cannot make the base side unreadable (and its pools unseen); a side that is not recognisable on its
        // own (a head that lost every server line) is read in the other side's format
        Optional<ConfigFormat> newFormat = newText.flatMap(text -> rules.formatOf(change.path(), text));
        Optional<ConfigFormat> oldFormat = oldText.flatMap(text -> rules.formatOf(change.oldPath(), text));
        if (blob.newLink()) {
            // a file named like load-balancer configuration that is a link: its content says nothing of what the
            // load balancer would read
            newFormat = Optional.of(newFormat.or(() -> oldFormat).or(() -> rules.byPath(change.path()))
                    .orElse(ConfigFormat.NGINX));
        }
        if (newFormat.isEmpty() && oldFormat.isEmpty()) {
            return Optional.empty();
        }
        ConfigFormat formatAfter = newFormat.orElseGet(oldFormat::get);
        ConfigFormat formatBefore = oldFormat.orElse(formatAfter);
        DiffResult.FileEntry entry = new DiffResult.FileEntry(change.path(), change.oldPath(), formatAfter,
                change.status());
        if (blob.oldId().equals(blob.newId())) {
            return Optional.of(new Pair(entry, formatBefore, ParsedFile.ABSENT, ParsedFile.ABSENT, ""));
        }
        ParsedFile before = parse(formatBefore, change.oldPath(), oldText, repository.resolver(base));
        ParsedFile after = blob.newLink() ? link(change.path(), newText.orElse(""))
                : parse(formatAfter, change.path(), newText, repository.resolver(head));
        return Optional.of(new Pair(entry, formatBefore, before, after, unparseableContent(change.path(), newText,
                after, head)));
    }

    /**
     * A changed file that was not compared on its own may still be read through an nginx {@code include}: a file the
     * rules do not select (conf.d/*.conf under a rule for nginx.conf), or, without rules, one whose name or content is
     * not recognisable on its own ({@code include upstreams.txt;}, a {@code .conf} of bare {@code server} lines). Each
     * nginx root that includes such a file at head or at base is compared too, so the change is seen with its
     * effective values.
     */
    private List<Pair> includingRoots(String base, String head, GitRepository.Changes changed, List<Pair> pairs)
            throws RepositoryException {
        if (!followsIncludes()) {
            return List.of();
        }
        java.util.Set<String> compared = new java.util.HashSet<>();
        pairs.forEach(pair -> {
            compared.add(pair.entry().path());
            compared.add(pair.entry().oldPath());
        });
        java.util.Set<String> unexamined = new java.util.HashSet<>(changed.allPaths());
        unexamined.removeAll(compared);
        if (unexamined.isEmpty()) {
            return List.of();
        }
        List<Pair> roots = new ArrayList<>();
        for (String path : repository.paths(head, this::mayBeNginxRoot)) {
            if (compared.contains(path)) {
                continue;
            }
            Optional<String> headText = repository.read(head, path);
            if (rules.byContentOnly() && headText.flatMap(text -> FileRules.detect(path, text))
                    .orElse(null) != ConfigFormat.NGINX) {
                continue;
            }
            ParsedFile after = parse(ConfigFormat.NGINX, path, headText, repository.resolver(head));
            ParsedFile before = parse(ConfigFormat.NGINX, path, repository.read(base, path),
                    repository.resolver(base));
            if (includesAny(after, unexamined) || includesAny(before, unexamined)) {
                roots.add(new Pair(new DiffResult.FileEntry(path, path, ConfigFormat.NGINX,
                        FileChange.Status.MODIFIED), ConfigFormat.NGINX, before, after,
                        unparseableContent(path, headText, after, head)));
            }
        }
        return roots;
    }

    /** Includes are followed from nginx roots: those the rules select, or without rules, by detection. */
    private boolean followsIncludes() {
        return rules.byContentOnly() || rules.rules().stream().anyMatch(rule -> rule.format() == ConfigFormat.NGINX);
    }

    /** A file that could be an nginx root: selected as nginx by the rules, or without rules named as one is. */
    private boolean mayBeNginxRoot(String path) {
        if (!rules.byContentOnly()) {
            return rules.byPath(path).orElse(null) == ConfigFormat.NGINX;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".conf") || name.startsWith("nginx");
    }

    private static boolean includesAny(ParsedFile file, java.util.Set<String> paths) {
        return file.parsed() && file.file().includes().stream().anyMatch(paths::contains);
    }

    /** A load-balancer file that is a symbolic link (or a submodule) at head: nothing the repository holds. */
    private static ParsedFile link(String path, String target) {
        return new ParsedFile(null, new ConfigParseException(path, 0, 0, "a symbolic link (to '" + target + "') or a "
                + "submodule at the head revision, not a file: the load balancer would read what it points at, which "
                + "the repository does not hold and nobody reviews"));
    }

    private static ParsedFile parse(ConfigFormat format, String path, Optional<String> text, SourceResolver resolver) {
        if (text.isEmpty()) {
            return ParsedFile.ABSENT;
        }
        try {
            return new ParsedFile(Parsers.parse(format, path, text.get(), resolver), null);
        } catch (ConfigParseException e) {
            return new ParsedFile(null, e);
        }
    }

    private void compareFile(Pair pair, List<Change> changes, List<DiffResult.ParseError> errors,
            Map<String, Located> removedPools, Map<String, Located> addedPools) {
        String path = pair.entry().path();
        if (pair.before().error() != null) {
            errors.add(error(pair.before().error(), "base"));
        }
        if (pair.after().error() != null) {
            ConfigParseException e = pair.after().error();
            errors.add(error(e, "head"));
            // nothing in the file can be judged, so the digest an approval is pinned to covers its content: an
            // approval of one unparseable file is void for any other
            changes.add(new Change(ChangeKind.CONFIG_UNPARSEABLE, e.file(), e.line(), "", "", "",
                    pair.unparseable(), e.file() + " cannot be parsed at the head revision" + e.atLine()
                            + ": " + e.reason() + ". Nothing in it can be checked."));
            return;
        }
        if (pair.formatBefore() != pair.entry().format() && pair.before().parsed() && pair.after().parsed()) {
            changes.add(new Change(ChangeKind.OTHER_CHANGE, path, 1, "", "", pair.formatBefore().id(),
                    pair.entry().format().id(), path + " is now " + pair.entry().format().id()
                            + " configuration (it was " + pair.formatBefore().id() + "): its pools are compared by"
                            + " name across the two formats."));
        }
        ConfigFile before = pair.before().file();
        ConfigFile after = pair.after().file();
        if (before == null && after == null) {
            return;
        }
        FileDiff diff = FileDiff.of(path, before, after);
        for (Pool pool : diff.removedPools()) {
            removedPools.put(key(pair.entry().format(), pool.name()),
                    new Located(FileDiff.fileOf(pool, pair.entry().oldPath()), pool));
        }
        for (Pool pool : diff.addedPools()) {
            addedPools.put(key(pair.entry().format(), pool.name()), new Located(FileDiff.fileOf(pool, path), pool));
        }
        changes.addAll(diff.changes());
    }

    /**
     * For a head side that cannot be parsed: {@code content sha256:...} of its text, and of the included file at
     * fault when the error lies there; empty otherwise.
     */
    private String unparseableContent(String path, Optional<String> text, ParsedFile after, String head)
            throws RepositoryException {
        if (after.error() == null) {
            return "";
        }
        StringBuilder content = new StringBuilder(text.orElse(""));
        String faulty = Objects.requireNonNullElse(after.error().file(), "");
        if (!faulty.isEmpty() && !faulty.equals(path)) {
            content.append('\0').append(faulty).append('\0').append(repository.read(head, faulty).orElse(""));
        }
        return "content " + ChangeDigest.sha256(content.toString());
    }

    /** A pool that left one file and appeared in another is compared as one pool; unchanged, it is no change. */
    private static void matchMovedPools(Map<String, Located> removed, Map<String, Located> added,
            List<Change> changes) {
        for (Iterator<Map.Entry<String, Located>> it = removed.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Located> entry = it.next();
            Located now = added.remove(entry.getKey());
            if (now != null) {
                changes.addAll(PoolDiff.compare(now.file(), entry.getValue().pool(), now.pool()));
                it.remove();
            }
        }
        removed.values().forEach(old -> changes.addAll(PoolDiff.compare(old.file(), old.pool(), null)));
        added.values().forEach(now -> changes.addAll(PoolDiff.compare(now.file(), null, now.pool())));
    }

    private static List<DiffResult.PoolSummary> touchedPools(List<Pair> pairs, List<Change> changes) {
        Map<String, DiffResult.PoolSummary> result = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change.pool().isEmpty() || result.containsKey(change.pool())) {
                continue;
            }
            for (Pair pair : pairs) {
                ConfigFile head = pair.after().file();
                if (head != null && head.pool(change.pool()).isPresent()) {
                    result.put(change.pool(), summary(head.pool(change.pool()).get()));
                    break;
                }
            }
        }
        return List.copyOf(result.values());
    }

    static DiffResult.PoolSummary summary(Pool pool) {
        return new DiffResult.PoolSummary(pool.name(), pool.file(), pool.algorithm(),
                pool.activeServers().stream().map(Server::name).toList(),
                pool.backupServers().stream().map(Server::name).toList(), pool.totalWeight());
    }

    private static String key(ConfigFormat format, String pool) {
        return format + "/" + pool;
    }

    private static DiffResult.ParseError error(ConfigParseException e, String revision) {
        return new DiffResult.ParseError(Objects.requireNonNullElse(e.file(), ""), e.line(), e.column(), e.reason(),
                revision);
    }

    private static String abbreviate(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }
}
