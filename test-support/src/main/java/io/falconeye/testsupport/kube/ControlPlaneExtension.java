package io.falconeye.testsupport.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/** The JUnit 5 side of {@link WithControlPlane}. */
public final class ControlPlaneExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(ControlPlaneExtension.class);
    private static final int LOG_TAIL_LINES = 80;

    @Override
    public void beforeAll(ExtensionContext context) {
        ControlPlane controlPlane = ControlPlane.shared();
        String namespace = namespaceFor(context.getRequiredTestClass());
        controlPlane.adminClient().namespaces()
                .resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                        .addToLabels("falcon-eye.io/test", "true").endMetadata().build())
                .create();
        ExtensionContext.Store store = context.getStore(STORE);
        store.put(TestNamespace.class, new TestNamespace(namespace));
        store.put(KubernetesClient.class, controlPlane.adminClient(namespace));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(STORE);
        KubernetesClient client = store.remove(KubernetesClient.class, KubernetesClient.class);
        TestNamespace namespace = store.remove(TestNamespace.class, TestNamespace.class);
        if (client != null) {
            client.close();
        }
        if (namespace != null) {
            ControlPlane.shared().adminClient().namespaces().withName(namespace.name()).delete();
        }
    }

    /** A DNS-1123 name from the class name, unique per run. */
    static String namespaceFor(Class<?> testClass) {
        String base = testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        base = base.replaceAll("-+$", "");
        return "t-" + base + "-" + UUID.randomUUID().toString().substring(0, 5);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == TestNamespace.class || type == ControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == ControlPlane.class) {
            return ControlPlane.shared();
        }
        return classStore(context).get(type, type);
    }

    /** Parameters live in the class-level store, also when resolved for a test method. */
    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(STORE);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        TestNamespace namespace = classStore(context).get(TestNamespace.class, TestNamespace.class);
        StringBuilder dump = new StringBuilder("\n===== cluster state after failure of ")
                .append(context.getDisplayName()).append(" =====\n");
        if (namespace != null) {
            ControlPlane controlPlane = ControlPlane.shared();
            dump.append("--- events in ").append(namespace.name()).append('\n')
                    .append(controlPlane.kubectlResult("get", "events", "-n", namespace.name(),
                            "--sort-by=.lastTimestamp").stdout())
                    .append("--- pods\n")
                    .append(controlPlane.kubectlResult("get", "pods", "-n", namespace.name(), "-o", "wide").stdout());
        }
        for (Path log : TestLogs.registered()) {
            dump.append("--- last lines of ").append(log.getFileName()).append('\n').append(tail(log));
        }
        System.err.println(dump);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")\n";
        }
    }
}
