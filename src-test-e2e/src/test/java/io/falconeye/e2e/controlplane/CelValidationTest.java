package io.falconeye.e2e.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.KubectlResult;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A CRD's OpenAPI schema and CEL rules are enforced by the API server at create. */
@WithControlPlane
class CelValidationTest {

    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.proof.falcon-eye.io
            spec:
              group: proof.falcon-eye.io
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        required: [min, max]
                        properties:
                          min: {type: integer, minimum: 0}
                          max: {type: integer}
                        x-kubernetes-validations:
                        - rule: self.min <= self.max
                          message: min must not exceed max
            """;

    @BeforeAll
    static void installCrd(ControlPlane controlPlane) {
        controlPlane.kubectlWithInput(CRD, "apply", "-f", "-");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                controlPlane.kubectlResult("get", "widgets.proof.falcon-eye.io").exitCode() == 0);
    }

    @Test
    void rejectsAnObjectThatBreaksTheRuleWithItsMessage(ControlPlane controlPlane, TestNamespace ns) {
        KubectlResult result = controlPlane.kubectlWithInput(widget("bad", 5, 1), "apply", "-n", ns.name(), "-f", "-");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("min must not exceed max");
    }

    @Test
    void rejectsAnObjectThatBreaksTheSchema(ControlPlane controlPlane, TestNamespace ns) {
        KubectlResult result = controlPlane.kubectlWithInput(widget("negative", -1, 3), "apply", "-n", ns.name(), "-f", "-");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec.min").contains("should be greater than or equal to 0");
    }

    @Test
    void acceptsAGoodObject(ControlPlane controlPlane, TestNamespace ns) {
        KubectlResult result = controlPlane.kubectlWithInput(widget("good", 1, 5), "apply", "-n", ns.name(), "-f", "-");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(controlPlane.kubectl("get", "widget", "good", "-n", ns.name(), "-o", "jsonpath={.spec.max}"))
                .isEqualTo("5");
    }

    private static String widget(String name, int min, int max) {
        return """
                apiVersion: proof.falcon-eye.io/v1
                kind: Widget
                metadata: {name: %s}
                spec: {min: %d, max: %d}
                """.formatted(name, min, max);
    }
}
