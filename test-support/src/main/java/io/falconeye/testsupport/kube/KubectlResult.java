package io.falconeye.testsupport.kube;

/** What a command printed and how it ended. */
public record KubectlResult(int exitCode, String stdout, String stderr) {}
