package io.falconeye.operator.api;

/** A camera's state in one word, for people; machines read the conditions. */
public enum CameraPhase {
    Pending, Creating, Running, Stopped, Error
}
