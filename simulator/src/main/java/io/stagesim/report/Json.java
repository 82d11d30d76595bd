package io.stagesim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.ClassUtil;
import com.fasterxml.jackson.databind.util.RawValue;
import io.stagesim.run.Estimate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place stagesim writes and reads JSON: one mapper, configured once, for every file it
 * writes (results.json, stress.json, compare.json, the charts' data). Records are written with
 * their components in declaration order under snake_case names ({@code durationS} is
 * {@code duration_s}), indented by two spaces with "\n" line ends on every platform, and a file
 * ends with a line end. An {@link Estimate} is {@code {"mean": …, "ci95": …}} with NaN and the
 * infinities as null (a figure without a value; read back as NaN); any other double that is not
 * finite is written as Jackson writes it by default, as a string ("NaN"), and read back.
 */
public final class Json {

    /**
     * A file read leniently: the records, with every value not of the type stagesim writes read as
     * absent (null, or 0 and false for numbers and flags), and where each was, as dotted paths
     * ({@code requests.page.latency_ms}, {@code resources.2.utilization}), in the file's order.
     */
    public record Lenient<T>(T value, Set<String> wrongType) {
        /** Copies the paths. */
        public Lenient {
            wrongType = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(wrongType));
        }
    }

    /** The context attribute under which a lenient read collects its paths. */
    private static final Object WRONG_TYPE = new Object();

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // a newer stagesim may write more: an older one reads what it knows
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
            .addModule(new SimpleModule("stagesim")
                    .addSerializer(Estimate.class, new EstimateSerializer())
                    .addDeserializer(Estimate.class, new EstimateDeserializer()))
            .build();

    private Json() {
    }

    /** {@code value} as JSON text, ending with a line end. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} as JSON text on one line, without a line end. */
    public static String compact(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * {@code value} as JSON text laid out by rows, as the charts' data files are: an object's fields
     * one to a line, and an array of arrays one array to a line, the values inside on the same line.
     */
    public static String writeRows(Object value) {
        try {
            return MAPPER.writer(new RowsPrinter()).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A number to write with exactly the digits of {@code text}, which must be a JSON number. */
    public static Object number(String text) {
        return new RawValue(text);
    }

    /** The records of type {@code type} that {@code text} holds; a value of the wrong type is an error. */
    public static <T> T read(String text, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(text, type);
    }

    /** The JSON document in {@code file}, as a tree; an empty file is a missing node. */
    public static JsonNode tree(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /**
     * The records of type {@code type} that {@code tree} holds, read leniently (see {@link Lenient});
     * none (a null value) from a missing node, as an empty file gives.
     *
     * @throws IllegalArgumentException when more than {@value #MOST_LEFT_OUT} values could be read
     *     only by leaving them out one at a time (see below)
     */
    public static <T> Lenient<T> lenient(JsonNode tree, Class<T> type) {
        Set<String> wrong = new LinkedHashSet<>();
        if (tree == null || tree.isMissingNode()) {
            return new Lenient<>(null, wrong);
        }
        JsonNode left = tree.deepCopy();
        for (int tries = 0; ; tries++) {
            try {
                T value = MAPPER.readerFor(type).withHandler(new NotAsWritten()).withAttribute(WRONG_TYPE, wrong)
                        .readValue(left);
                return new Lenient<>(value, wrong);
            } catch (JsonMappingException e) {
                // what no problem handler is asked about (a number out of its type's range) fails the
                // whole read: that value is noted, left out, and the rest read again
                if (tries == MOST_LEFT_OUT || !leaveOut(left, e.getPath())) {
                    throw new IllegalArgumentException("cannot read as " + type.getSimpleName() + ": "
                            + e.getOriginalMessage(), e);
                }
                wrong.add(dotted(e.getPath()));
            } catch (IOException e) {
                throw new IllegalStateException("a tree has no syntax to get wrong", e);
            }
        }
    }

    /** Most values a lenient read leaves out one at a time, each costing a read of the whole tree. */
    private static final int MOST_LEFT_OUT = 1000;

    /** Removes the value at {@code path} from {@code root}; false when there is none to remove. */
    private static boolean leaveOut(JsonNode root, List<JsonMappingException.Reference> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (JsonMappingException.Reference r : path.subList(0, path.size() - 1)) {
            parent = r.getFieldName() != null ? parent.path(r.getFieldName()) : parent.path(r.getIndex());
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        if (last.getFieldName() != null && parent instanceof ObjectNode o) {
            return o.remove(last.getFieldName()) != null;
        }
        if (last.getIndex() >= 0 && parent instanceof ArrayNode a && last.getIndex() < a.size()
                && !a.get(last.getIndex()).isNull()) {
            a.set(last.getIndex(), NullNode.getInstance()); // the others keep their indexes
            return true;
        }
        return false;
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        return String.join(".", path.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList());
    }

    /** Where the parser is, as a dotted path: the value just begun, not the one inside it. */
    private static String path(JsonParser p) {
        JsonStreamContext c = p.getParsingContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            c = c.getParent();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            parts.addFirst(c.inObject() ? String.valueOf(c.getCurrentName()) : String.valueOf(c.getCurrentIndex()));
        }
        return String.join(".", parts);
    }

    /**
     * In a lenient read, notes the path {@code at} and returns true (the value there is then read
     * as absent); in a strict read, returns false.
     */
    private static boolean noted(DeserializationContext ctxt, String at) {
        @SuppressWarnings("unchecked")
        Set<String> wrong = (Set<String>) ctxt.getAttribute(WRONG_TYPE);
        if (wrong == null) {
            return false;
        }
        wrong.add(at);
        return true;
    }

    /** {"mean": …, "ci95": …}, what is not finite as null. */
    private static final class EstimateSerializer extends StdSerializer<Estimate> {
        private static final long serialVersionUID = 1L;

        EstimateSerializer() {
            super(Estimate.class);
        }

        @Override
        public void serialize(Estimate e, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            number(g, "mean", e.mean());
            number(g, "ci95", e.ci95());
            g.writeEndObject();
        }

        private static void number(JsonGenerator g, String name, double v) throws IOException {
            g.writeFieldName(name);
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
    }

    /**
     * {"mean": number or null, "ci95": number, null or absent}, null as NaN; anything else is not
     * a figure: an error, or in a lenient read an absent one.
     */
    private static final class EstimateDeserializer extends StdDeserializer<Estimate> {
        private static final long serialVersionUID = 1L;

        EstimateDeserializer() {
            super(Estimate.class);
        }

        @Override
        public Estimate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String at = path(p);
            JsonNode n = ctxt.readTree(p);
            JsonNode mean = n.path("mean");
            JsonNode ci = n.path("ci95");
            if (n.isObject() && (mean.isNumber() || mean.isNull())
                    && (ci.isMissingNode() || ci.isNumber() || ci.isNull())) {
                return new Estimate(mean.isNumber() ? mean.asDouble() : Double.NaN,
                        ci.isNumber() ? ci.asDouble() : Double.NaN);
            }
            if (noted(ctxt, at)) {
                return null;
            }
            return (Estimate) ctxt.reportInputMismatch(this, "%s: a figure is {\"mean\": number or null, \"ci95\": "
                    + "number or null}, was %s", at, n);
        }

        /** A null where a figure belongs is not one (a figure with no value is {"mean": null}): noted. */
        @Override
        public Estimate getNullValue(DeserializationContext ctxt) {
            JsonParser p = ctxt.getParser();
            if (p != null && p.currentToken() == JsonToken.VALUE_NULL) {
                noted(ctxt, path(p));
            }
            return null;
        }

        /** An absent figure is absent, not of the wrong type. */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** In a lenient read, takes a value of the wrong type as absent and notes where it was. */
    private static final class NotAsWritten extends DeserializationProblemHandler {

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                JsonParser p, String failureMsg) throws IOException {
            return absent(ctxt, p, targetType.getRawClass());
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsts, JsonParser p, String msg) throws IOException {
            return absent(ctxt, p, instClass);
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                String failureMsg) throws IOException {
            return absent(ctxt, ctxt.getParser(), targetType);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                String failureMsg) throws IOException {
            return absent(ctxt, ctxt.getParser(), targetType);
        }

        private static Object absent(DeserializationContext ctxt, JsonParser p, Class<?> type) throws IOException {
            if (!noted(ctxt, path(p))) {
                return NOT_HANDLED;
            }
            p.skipChildren();
            return type.isPrimitive() ? ClassUtil.defaultValue(type) : null;
        }
    }
}
