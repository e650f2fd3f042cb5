package io.warren.exchange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.warren.exchange.HeadersRoutingTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The expected texts are RabbitMQ 3.10.8's replies to the Java client, without "PRECONDITION_FAILED - ". */
class ArgumentValidationTest {
    private static final String EXPECTED_VALUES = "; expected all, any, all-with-x, or any-with-x";

    static Stream<Arguments> invalidXMatch() {
        return Stream.of(
                Arguments.of("foo", "Invalid x-match field value <<\"foo\">>" + EXPECTED_VALUES),
                Arguments.of("ALL", "Invalid x-match field value <<\"ALL\">>" + EXPECTED_VALUES),
                Arguments.of("", "Invalid x-match field value <<>>" + EXPECTED_VALUES),
                Arguments.of("a\"b", "Invalid x-match field value <<\"a\\\"b\">>" + EXPECTED_VALUES),
                Arguments.of("a\\b", "Invalid x-match field value <<\"a\\\\b\">>" + EXPECTED_VALUES),
                Arguments.of("a\nb", "Invalid x-match field value <<\"a\\nb\">>" + EXPECTED_VALUES),
                Arguments.of("tab\there", "Invalid x-match field value <<\"tab\\there\">>" + EXPECTED_VALUES),
                Arguments.of("été", "Invalid x-match field value <<\"été\">>" + EXPECTED_VALUES),
                Arguments.of("日本", "Invalid x-match field value <<230,151,165,230,156,172>>" + EXPECTED_VALUES),
                Arguments.of("café\u0001", "Invalid x-match field value <<99,97,102,195,169,1>>" + EXPECTED_VALUES),
                Arguments.of(new CodecLongString("foo"), "Invalid x-match field value <<\"foo\">>" + EXPECTED_VALUES),
                Arguments.of(5, "Invalid x-match field type signedint (value 5); expected longstr"),
                Arguments.of(5L, "Invalid x-match field type long (value 5); expected longstr"),
                Arguments.of((short) 7, "Invalid x-match field type short (value 7); expected longstr"),
                Arguments.of((byte) -3, "Invalid x-match field type byte (value -3); expected longstr"),
                Arguments.of(new CodecUnsignedShort(9), "Invalid x-match field type unsignedshort (value 9); expected longstr"),
                Arguments.of(true, "Invalid x-match field type bool (value true); expected longstr"),
                Arguments.of(1.5d, "Invalid x-match field type double (value 1.5); expected longstr"),
                Arguments.of(1.5f, "Invalid x-match field type float (value 1.5); expected longstr"),
                Arguments.of(1.0e10, "Invalid x-match field type double (value 1.0e10); expected longstr"),
                Arguments.of(0.0001, "Invalid x-match field type double (value 0.0001); expected longstr"),
                Arguments.of(1.0e-5, "Invalid x-match field type double (value 1.0e-5); expected longstr"),
                Arguments.of(100.0, "Invalid x-match field type double (value 100.0); expected longstr"),
                Arguments.of(123456789.0, "Invalid x-match field type double (value 123456789.0); expected longstr"),
                Arguments.of(1.0e15, "Invalid x-match field type double (value 1.0e15); expected longstr"),
                Arguments.of(new BigDecimal("1.5"), "Invalid x-match field type decimal (value {1,15}); expected longstr"),
                Arguments.of(new Date(5000), "Invalid x-match field type timestamp (value 5); expected longstr"),
                Arguments.of("x".getBytes(StandardCharsets.UTF_8), "Invalid x-match field type binary (value <<\"x\">>); expected longstr"),
                Arguments.of(new byte[] {1, 2, (byte) 255}, "Invalid x-match field type binary (value <<1,2,255>>); expected longstr"),
                Arguments.of(List.of("all"), "Invalid x-match field type array (value [{longstr,<<\"all\">>}]); expected longstr"),
                Arguments.of(List.of(), "Invalid x-match field type array (value []); expected longstr"),
                Arguments.of(table(), "Invalid x-match field type table (value []); expected longstr"),
                Arguments.of(table("k", "v"), "Invalid x-match field type table (value [{<<\"k\">>,longstr,<<\"v\">>}]); expected longstr"),
                Arguments.of(null, "Invalid x-match field type void (value undefined); expected longstr"));
    }

    @ParameterizedTest(name = "x-match {0}")
    @MethodSource("invalidXMatch")
    void invalidXMatchIsExplainedAsRabbitMqDoes(Object xMatch, String expected) {
        assertEquals(expected, ArgumentValidation.validateBindingArguments(ExchangeType.HEADERS, table("x-match", xMatch)));
    }

    @Test
    void validXMatchValuesAndOtherExchangeTypesPass() {
        for (String value : List.of("all", "any", "all-with-x", "any-with-x")) {
            assertNull(ArgumentValidation.validateBindingArguments(ExchangeType.HEADERS, table("x-match", value, "a", 1)));
        }
        assertNull(ArgumentValidation.validateBindingArguments(ExchangeType.HEADERS, table("a", 1)));
        assertNull(ArgumentValidation.validateBindingArguments(ExchangeType.HEADERS, null));
        assertNull(ArgumentValidation.validateBindingArguments(ExchangeType.DIRECT, table("x-match", "foo")));
    }

    @Test
    void alternateExchangeMustBeALongStringOnDeclare() {
        assertEquals("invalid type 'signedint' for arg 'alternate-exchange' in exchange 'x' in vhost '/'",
                ArgumentValidation.validateExchangeArguments("/", "x", table("alternate-exchange", 5)));
        assertEquals("invalid type 'long' for arg 'alternate-exchange' in exchange 'x' in vhost '/'",
                ArgumentValidation.validateExchangeArguments("/", "x", table("alternate-exchange", 5L)));
        assertEquals("invalid type 'binary' for arg 'alternate-exchange' in exchange 'x' in vhost 'v'",
                ArgumentValidation.validateExchangeArguments("v", "x",
                        table("alternate-exchange", "ae".getBytes(StandardCharsets.UTF_8))));
        assertEquals("invalid type 'void' for arg 'alternate-exchange' in exchange 'x' in vhost '/'",
                ArgumentValidation.validateExchangeArguments("/", "x", table("alternate-exchange", null)));
        assertNull(ArgumentValidation.validateExchangeArguments("/", "x", table("alternate-exchange", "ae")));
        assertNull(ArgumentValidation.validateExchangeArguments("/", "x", table("other", 5)));
        assertNull(ArgumentValidation.validateExchangeArguments("/", "x", Map.of()));
    }
}
