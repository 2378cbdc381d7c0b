package io.falconeye.operator.api;

/** Where a recording session is; Completed, Stopped and Failed are final. */
public enum RecordingPhase {
    Pending, Recording, Completed, Stopped, Failed;

    public boolean isFinal() {
        return this == Completed || this == Stopped || this == Failed;
    }
}
