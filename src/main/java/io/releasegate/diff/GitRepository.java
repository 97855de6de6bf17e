package io.releasegate.diff;

import io.releasegate.config.SourceResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Read-only access to a git repository through JGit: revisions, changed paths with renames, file contents at a
 * revision, commit authors and unified patches. Files are read from git objects, never from the work tree.
 */
public final class GitRepository implements AutoCloseable {
    /** Largest file the engine reads: the same limit as for local files and includes. */
    static final int MAX_FILE_BYTES = (int) io.releasegate.config.FileSystemSourceResolver.MAX_FILE_BYTES;

    /** A changed file with the blob ids of both sides (zero id for a missing side). */
    /**
     * @param newLink at head, the path is a symbolic link or a submodule, not a file: its blob is the link's target
     */
    record ChangedBlob(FileChange change, ObjectId oldId, ObjectId newId, boolean newLink) {
    }

    /** The candidate files that changed (renames detected among them), and every changed path. */
    record Changes(List<ChangedBlob> candidates, Set<String> allPaths) {
    }

    private final Repository repository;
    private final Path directory;

    static {
        NoSystemConfig.install();
    }

    private GitRepository(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /** Opens the repository at or above {@code directory}. */
    public static GitRepository open(Path directory) throws RepositoryException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            throw new RepositoryException("not a git repository: " + directory);
        }
        try {
            return new GitRepository(builder.setMustExist(true).build(), directory);
        } catch (IOException | IllegalArgumentException e) {
            throw new RepositoryException("cannot open git repository " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The work tree's root directory; empty for a bare repository. */
    public Optional<Path> workTree() {
        return repository.isBare() ? Optional.empty() : Optional.of(repository.getWorkTree().toPath());
    }

    /**
     * How the work tree differs from commit {@code sha}, in words, at most {@code max} entries (then "... and N more"):
     * its HEAD is another commit, or tracked files are changed, staged, added, removed or missing, or converted on
     * checkout by {@code .gitattributes} (bytes that are not the reviewed blob, see {@link WorkTreeBytes}). Files git
     * does not track (and ignored ones) are not compared. Empty when the work tree is that commit as committed, or the
     * repository is bare.
     */
    public List<String> workTreeDifferences(String sha, int max) throws RepositoryException {
        if (repository.isBare()) {
            return List.of();
        }
        String head = resolve(Constants.HEAD);
        if (!head.equals(sha)) {
            return List.of("its HEAD is " + head.substring(0, 10) + ", not " + sha.substring(0, 10));
        }
        try {
            Status status = Git.wrap(repository).status().call();
            Map<String, String> files = new TreeMap<>();
            status.getModified().forEach(path -> files.put(path, "modified"));
            status.getChanged().forEach(path -> files.put(path, "changed in the index"));
            status.getAdded().forEach(path -> files.put(path, "added to the index"));
            status.getRemoved().forEach(path -> files.put(path, "removed from the index"));
            status.getMissing().forEach(path -> files.put(path, "missing"));
            status.getConflicting().forEach(path -> files.put(path, "in conflict"));
            WorkTreeBytes.converted(repository, ObjectId.fromString(sha), repository.getWorkTree().toPath())
                    .forEach(files::putIfAbsent);
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, String> file : files.entrySet()) {
                if (differences.size() == max) {
                    differences.add("... and " + (files.size() - max) + " more");
                    break;
                }
                differences.add(file.getKey() + " " + file.getValue());
            }
            return differences;
        } catch (GitAPIException | NoWorkTreeException | IOException e) {
            throw new RepositoryException("cannot compare the work tree of " + directory + " with " + sha + ": "
                    + e.getMessage(), e);
        }
    }

    /** The full SHA-1 of the commit a revision names (branch, tag, SHA, {@code HEAD~3}, ...). */
    public String resolve(String revision) throws RepositoryException {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                throw new RepositoryException("unknown revision '" + revision + "' in " + directory);
            }
            return walk.parseCommit(id).name();
        } catch (RevisionSyntaxException | IOException e) {
            throw new RepositoryException("unknown revision '" + revision + "' in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The files that differ between two commits, restricted to paths for which {@code candidate} holds on either
     * side, with renames and copies detected among those. With {@code allPaths}, every changed path is also
     * collected (a slower walk); without, non-candidates are skipped inside the tree walk.
     */
    Changes changes(String baseSha, String headSha, Predicate<String> candidate, boolean allPaths)
            throws RepositoryException {
        try (RevWalk walk = new RevWalk(repository); TreeWalk trees = new TreeWalk(repository)) {
            trees.setRecursive(true);
            trees.addTree(walk.parseCommit(ObjectId.fromString(baseSha)).getTree());
            trees.addTree(walk.parseCommit(ObjectId.fromString(headSha)).getTree());
            trees.setFilter(allPaths ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(new CandidateFilter(candidate), TreeFilter.ANY_DIFF));
            List<DiffEntry> entries = new ArrayList<>();
            Set<String> changedPaths = new java.util.HashSet<>();
            for (DiffEntry entry : DiffEntry.scan(trees)) {
                changedPaths.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath()
                        : entry.getNewPath());
                if (candidate.test(entry.getOldPath()) || candidate.test(entry.getNewPath())) {
                    entries.add(entry);
                }
            }
            RenameDetector renames = new RenameDetector(repository);
            renames.addAll(entries);
            List<ChangedBlob> result = new ArrayList<>();
            for (DiffEntry entry : renames.compute()) {
                result.add(toBlob(entry));
            }
            return new Changes(result, changedPaths);
        } catch (IOException e) {
            throw new RepositoryException("cannot compare " + baseSha + " with " + headSha + ": " + e.getMessage(),
                    e);
        }
    }

    private static ChangedBlob toBlob(DiffEntry entry) {
        FileChange change = switch (entry.getChangeType()) {
            case ADD -> new FileChange(entry.getNewPath(), entry.getNewPath(), FileChange.Status.ADDED);
            case DELETE -> new FileChange(entry.getOldPath(), entry.getOldPath(), FileChange.Status.DELETED);
            case RENAME -> new FileChange(entry.getNewPath(), entry.getOldPath(), FileChange.Status.RENAMED);
            case COPY -> new FileChange(entry.getNewPath(), entry.getOldPath(), FileChange.Status.COPIED);
            default -> new FileChange(entry.getNewPath(), entry.getOldPath(), FileChange.Status.MODIFIED);
        };
        return new ChangedBlob(change, entry.getOldId().toObjectId(), entry.getNewId().toObjectId(),
                entry.getChangeType() != DiffEntry.ChangeType.DELETE && notAFile(entry.getNewMode()));
    }

    private static boolean notAFile(FileMode mode) {
        return mode == FileMode.SYMLINK || mode == FileMode.GITLINK;
    }

    /** Reads a blob as UTF-8; empty for the zero id (the missing side of an add or delete). */
    Optional<String> readBlob(ObjectId id) throws RepositoryException {
        if (id == null || ObjectId.zeroId().equals(id)) {
            return Optional.empty();
        }
        try {
            ObjectLoader loader = repository.open(id, Constants.OBJ_BLOB);
            if (loader.getSize() > MAX_FILE_BYTES) {
                throw new RepositoryException("file object " + id.name() + " is larger than " + MAX_FILE_BYTES
                        + " bytes");
            }
            return Optional.of(new String(loader.getBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RepositoryException("cannot read object " + id.name() + ": " + e.getMessage(), e);
        }
    }

    /** The content of {@code path} at commit {@code sha}; empty when the path does not exist there. */
    public Optional<String> read(String sha, String path) throws RepositoryException {
        return read(sha, path, true);
    }

    /**
     * @param links whether a symbolic link is read as its blob (its target's path); else it is no file, as for an
     *              nginx include: the load balancer would read what the link points at, which the repository does
     *              not hold and nobody reviews
     */
    private Optional<String> read(String sha, String path, boolean links) throws RepositoryException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevTree tree = walk.parseCommit(ObjectId.fromString(sha)).getTree();
            try (TreeWalk found = TreeWalk.forPath(repository, path, tree)) {
                if (found == null || found.getFileMode(0).getObjectType() != Constants.OBJ_BLOB
                        || !links && notAFile(found.getFileMode(0))) {
                    return Optional.empty();
                }
                return readBlob(found.getObjectId(0));
            }
        } catch (IOException e) {
            throw new RepositoryException("cannot read " + path + " at " + sha + ": " + e.getMessage(), e);
        }
    }

    /**
     * The repository-relative path ({@code /}-separated) of {@code file} when it lies inside the work tree, judged
     * on the path as written ({@code ..} removed) and, failing that, on the real paths of both (a symbolic link to
     * the work tree or into it leads inside too); empty when it lies outside or the repository has no work tree.
     */
    public Optional<String> workTreePath(Path file) {
        if (repository.isBare()) {
            return Optional.empty();
        }
        Path root = repository.getWorkTree().toPath().toAbsolutePath().normalize();
        Path path = file.toAbsolutePath().normalize();
        Optional<String> written = relative(root, path);
        if (written.isPresent()) {
            return written;
        }
        try {
            Path parent = path.getParent();
            Path real = Files.exists(path) ? path.toRealPath()
                    : parent != null && Files.exists(parent) ? parent.toRealPath().resolve(path.getFileName()) : path;
            return relative(root.toRealPath(), real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> relative(Path root, Path path) {
        if (!path.startsWith(root) || path.equals(root)) {
            return Optional.empty();
        }
        return Optional.of(root.relativize(path).toString().replace(java.io.File.separatorChar, '/'));
    }

    /** Every file path at a commit for which {@code filter} holds, in tree order. */
    public List<String> paths(String sha, Predicate<String> filter) throws RepositoryException {
        return listPaths(sha, "", filter);
    }

    private List<String> listPaths(String sha, String directoryPrefix, Predicate<String> filter)
            throws RepositoryException {
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
            tree.setRecursive(true);
            if (!directoryPrefix.isEmpty()) {
                tree.setFilter(PathFilter.create(directoryPrefix));
            }
            List<String> result = new ArrayList<>();
            while (tree.next()) {
                if (filter.test(tree.getPathString())) {
                    result.add(tree.getPathString());
                }
            }
            return result;
        } catch (IOException e) {
            throw new RepositoryException("cannot list files at " + sha + ": " + e.getMessage(), e);
        }
    }

    /** A {@link SourceResolver} over the tree of one commit, for nginx {@code include}. */
    public SourceResolver resolver(String sha) {
        return new SourceResolver() {
            @Override
            public Optional<String> read(String path) {
                try {
                    return GitRepository.this.read(sha, path, false);
                } catch (RepositoryException e) {
                    return Optional.empty();
                }
            }

            @Override
            public List<String> glob(String pattern) {
                String prefix = literalDirectory(pattern);
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                try {
                    List<String> matches = listPaths(sha, prefix, path -> matcher.matches(Path.of(path)));
                    matches.sort(null);
                    return matches;
                } catch (RepositoryException | RuntimeException e) {
                    return List.of();
                }
            }
        };
    }

    private static String literalDirectory(String pattern) {
        int wildcard = 0;
        while (wildcard < pattern.length() && "*?[{".indexOf(pattern.charAt(wildcard)) < 0) {
            wildcard++;
        }
        int slash = pattern.lastIndexOf('/', wildcard);
        return slash <= 0 ? "" : pattern.substring(0, slash);
    }

    /** The distinct authors of the commits reachable from head but not from base, newest first. */
    public List<Author> authors(String baseSha, String headSha) throws RepositoryException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(headSha)));
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(baseSha)));
            Set<Author> authors = new LinkedHashSet<>();
            for (RevCommit commit : walk) {
                PersonIdent ident = commit.getAuthorIdent();
                authors.add(new Author(ident.getName(), ident.getEmailAddress()));
            }
            return List.copyOf(authors);
        } catch (IOException e) {
            throw new RepositoryException("cannot walk commits " + baseSha + ".." + headSha + ": " + e.getMessage(),
                    e);
        }
    }

    /** The unified diff (git format, renames detected) of the given paths between two commits. */
    public String patch(String baseSha, String headSha, Collection<String> paths) throws RepositoryException {
        if (paths.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RevWalk walk = new RevWalk(repository); DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repository);
            formatter.setDetectRenames(true);
            formatter.setPathFilter(PathFilterGroup.createFromStrings(paths));
            formatter.format(walk.parseCommit(ObjectId.fromString(baseSha)).getTree(),
                    walk.parseCommit(ObjectId.fromString(headSha)).getTree());
            formatter.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RepositoryException("cannot format the patch: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
