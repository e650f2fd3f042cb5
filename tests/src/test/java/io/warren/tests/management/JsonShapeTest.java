package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shape comparator itself: what it reports, and what it deliberately lets pass. */
class JsonShapeTest {

    private static JsonNode json(String text) throws Exception {
        return Api.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void reportsMissingExtraAndRetypedFieldsWithTheirPaths() throws Exception {
        JsonNode expected = json("{'name':'q','messages':3,'arguments':{'x-max-length':1},'flag':true}");
        JsonNode actual = json("{'name':'q','messages':'3','arguments':{},'extra':null,'flag':true}");

        assertEquals(List.of(
                "missing $.arguments.x-max-length (number)",
                "extra $.extra (null)",
                "type of $.messages: expected number, was string"),
                JsonShape.differences(expected, actual));
    }

    @Test
    void recursesIntoTheFirstElementOfArraysOnly() throws Exception {
        JsonNode expected = json("[{'a':1,'b':[{'c':'x'}]},{'z':1}]");
        JsonNode actual = json("[{'a':1,'b':[{'c':null}]},{'y':2}]");

        assertEquals(List.of("type of $.[].b[].c: expected string, was null"), JsonShape.differences(expected, actual));
        assertEquals(List.of(), JsonShape.differences(json("[]"), json("[{'q':1}]")));
    }

    @Test
    void ignoredPatternsSkipWholeSubtreesAtAnyDepth() throws Exception {
        JsonNode expected = json("{'client_properties':{'product':'x'},'items':[{'idle_since':'t','n':1}]}");
        JsonNode actual = json("{'client_properties':{'capabilities':{}},'items':[{'n':1}]}");

        assertEquals(3, JsonShape.differences(expected, actual).size());
        assertEquals(List.of(), JsonShape.differences(expected, actual, "client_properties", "**.idle_since"));
    }

    @Test
    void erlangOnlyFieldsMayBeMissingButNotRetyped() throws Exception {
        JsonNode expected = json("{'reductions':5,'garbage_collection':{'minor_gcs':1},'erlang_version':'25'}");

        assertEquals(List.of(), JsonShape.differences(expected, json("{}")));
        assertEquals(List.of("type of $.reductions: expected number, was string"),
                JsonShape.differences(expected, json("{'reductions':'5'}")));
        assertTrue(WarrenShapeGaps.GAPS.stream().noneMatch(gap -> gap.reason().isBlank()));
    }

    @Test
    void assertSameShapeListsEveryDifference() throws Exception {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> JsonShape.assertSameShape(json("{'a':1,'b':2}"), json("{'a':'1'}")));

        assertTrue(failure.getMessage().contains("2 shape difference(s)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("missing $.b (number)"), failure.getMessage());
    }
}
