package io.falconeye.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One recording session of one camera, from start to stop; its files are rows in the database, not resources. */
@Group(Camera.GROUP)
@Version(Camera.VERSION)
@ShortNames("rec")
@AdditionalPrinterColumn(name = "Camera", jsonPath = ".spec.cameraRef", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Started", jsonPath = ".status.startedAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.bytes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Recording extends CustomResource<RecordingSpec, RecordingStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("Which camera to record, for how long, and whether to stop.")
    @Required
    public RecordingSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Where the recording session is: phase, conditions, node, times, files, size.")
    public RecordingStatus getStatus() {
        return super.getStatus();
    }
}
