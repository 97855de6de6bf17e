package io.releasegate.config;

import java.io.Serializable;

/**
 * Which repository files hold load-balancer configuration, and in which format: one entry of {@code files:} in
 * {@code .releasegate.yml}. Globs follow {@link java.nio.file.FileSystem#getPathMatcher}: {@code *} within a
 * directory, {@code **} across directories, {@code ?}, {@code [..]} and {@code {a,b}}. Matched by {@link FileRules}.
 *
 * @param glob   repository-relative glob, e.g. {@code lb/**}{@code /*.cfg}
 * @param format the format of matching files
 */
public record FileRule(String glob, ConfigFormat format) implements Serializable {
    private static final long serialVersionUID = 1L;
}
