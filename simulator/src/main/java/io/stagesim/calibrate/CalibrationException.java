package io.stagesim.calibrate;

/** Bad input to calibrate: a message that says where (file:line:column), what is wrong and what would be right. */
public final class CalibrationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A problem with a message already located. */
    public CalibrationException(String message) {
        super(message);
    }

    /** A problem at {@code line}:{@code column} of {@code file}. */
    static CalibrationException at(String file, int line, int column, String message) {
        return new CalibrationException(file + ":" + line + ":" + column + ": " + message);
    }
}
