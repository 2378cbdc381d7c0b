package io.falconeye.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A camera the operator runs: a relay for live view and a recorder, both derived from the spec. */
@Group(Camera.GROUP)
@Version(Camera.VERSION)
@ShortNames("cam")
@AdditionalPrinterColumn(name = "Protocol", jsonPath = ".spec.protocol", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Node", jsonPath = ".status.nodeName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "self.metadata.name.size() <= 55 && !self.metadata.name.contains('.')",
        message = "a camera name must have at most 55 characters and no dots: it is part of its Service names")
public class Camera extends CustomResource<CameraSpec, CameraStatus> implements Namespaced {

    public static final String GROUP = "falcon-eye.io";
    public static final String VERSION = "v1alpha1";
    /** Annotation whose change rolls the camera's pods (kubectl annotate cam x falcon-eye.io/restartedAt=...). */
    public static final String RESTARTED_AT_ANNOTATION = GROUP + "/restartedAt";

    @Override
    @JsonPropertyDescription("What the user asks for: protocol, source, node, stream settings, recording.")
    @Required
    public CameraSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed: phase, conditions, node, stream path.")
    public CameraStatus getStatus() {
        return super.getStatus();
    }
}
