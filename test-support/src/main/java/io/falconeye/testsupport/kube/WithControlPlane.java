package io.falconeye.testsupport.kube;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the real local control plane: a fresh namespace per class,
 * parameters {@code KubernetesClient} (admin, defaulting to that namespace), {@link TestNamespace}
 * and {@link ControlPlane}; on failure, the namespace's events and pods and the logs registered
 * with {@link TestLogs} are printed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ControlPlaneExtension.class)
public @interface WithControlPlane {}
