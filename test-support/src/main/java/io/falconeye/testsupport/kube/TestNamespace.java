package io.falconeye.testsupport.kube;

/** The namespace {@link WithControlPlane} created for the current test class. */
public record TestNamespace(String name) {}
