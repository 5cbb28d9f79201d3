package io.millrace.cli.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.millrace.learning.Attribute;
import io.millrace.learning.Learners.Task;
import io.millrace.learning.eval.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link CsvDataset} reads a CSV file into a header and examples. */
class EvaluateCsvDatasetTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content);
        return file;
    }

    private static CsvDataset scan(Path file, String label, Task task) {
        return CsvDataset.scan(file, new CsvDataset.Options(label, ',', Set.of(), task));
    }

    private static List<Example> examples(CsvDataset dataset) {
        List<Example> examples = new ArrayList<>();
        try (CsvDataset.ExampleReader reader = dataset.open()) {
            reader.forEachRemaining(examples::add);
        }
        return examples;
    }

    @Test
    void numericColumnsAreNumericAndOthersNominalWithSortedCategories() throws IOException {
        Path file = write("""
            size, colour ,code,y
            1.5,red,10,b
            -2e1,blue,x7,a
            .25,"green",3,b
            """);
        CsvDataset dataset = scan(file, "y", null);
        assertThat(dataset.header().name()).isEqualTo("data");
        assertThat(dataset.header().features()).containsExactly(Attribute.numeric("size"),
            Attribute.nominal("colour", "blue", "green", "red"), Attribute.nominal("code", "10", "3", "x7"));
        assertThat(dataset.header().target()).isEqualTo(Attribute.nominal("y", "a", "b"));
        List<Example> examples = examples(dataset);
        assertThat(examples).hasSize(3);
        assertThat(examples.get(0).features()).containsExactly(1.5, 2, 0);
        assertThat(examples.get(0).target()).isEqualTo(1);
        assertThat(examples.get(1).features()).containsExactly(-20, 0, 2);
        assertThat(examples.get(2).features()).containsExactly(0.25, 1, 1);
    }

    @Test
    void missingCellsAreNaNAndRowsWithoutALabelAreSkipped() throws IOException {
        Path file = write("x,c,y\n,red,1\nNA,?,2\n3,N/A,\n4,blue,NaN\nnull,blue,5\n");
        CsvDataset dataset = scan(file, "y", null);
        assertThat(dataset.header().feature(1)).isEqualTo(Attribute.nominal("c", "blue", "red"));
        assertThat(dataset.header().isClassification()).isFalse();
        assertThat(dataset.rows()).isEqualTo(5);
        assertThat(dataset.unlabelled()).isEqualTo(2);
        List<Example> examples = examples(dataset);
        assertThat(examples).extracting(Example::target).containsExactly(1.0, 2.0, 5.0);
        assertThat(examples.get(0).features()).containsExactly(Double.NaN, 1);
        assertThat(examples.get(1).features()).containsExactly(Double.NaN, Double.NaN);
        assertThat(examples.get(2).features()).containsExactly(Double.NaN, 0);
    }

    @Test
    void aNumericLabelReadAsClassesHasItsNumbersInNumericOrder() throws IOException {
        Path file = write("x,y\n1,10\n2,2\n3,2.0\n4,-1\n5,1e1\n");
        CsvDataset dataset = scan(file, "y", Task.CLASSIFICATION);
        assertThat(dataset.header().target()).isEqualTo(Attribute.nominal("y", "-1", "2", "10"));
        assertThat(examples(dataset)).extracting(Example::target).containsExactly(2.0, 1.0, 1.0, 0.0, 2.0);
        assertThat(scan(file, "y", null).header().target()).isEqualTo(Attribute.numeric("y"));
        assertThat(scan(file, "y", Task.REGRESSION).header().target()).isEqualTo(Attribute.numeric("y"));
    }

    @Test
    void quotedValuesMayHoldSeparatorsQuotesAndLineBreaks() throws IOException {
        Path file = write("\uFEFFnote,y\r\n\"a, b\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\nlines\",3\r\n");
        CsvDataset dataset = scan(file, "y", null);
        assertThat(dataset.header().feature(0).values()).containsExactly("a, b", "say \"hi\"", "two\nlines");
        assertThat(examples(dataset)).hasSize(3);
    }

    @Test
    void anotherSeparatorAndIgnoredColumns() throws IOException {
        Path file = write("id;x;y\nr1;1,5;a\nr2;2;b\n");
        CsvDataset dataset = CsvDataset.scan(file, new CsvDataset.Options("y", ';', Set.of("id"), null));
        assertThat(dataset.header().features()).containsExactly(Attribute.nominal("x", "1,5", "2"));
    }

    @Test
    void anInfiniteFeatureIsNumericAndReachesTheLearnerAsInfinity() throws IOException {
        Path file = write("x,y\n1,a\n-inf,b\nInfinity,a\n");
        CsvDataset dataset = scan(file, "y", null);
        assertThat(dataset.header().feature(0)).isEqualTo(Attribute.numeric("x"));
        assertThat(examples(dataset)).extracting(e -> e.features()[0])
            .containsExactly(1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Test
    void malformedFilesNameTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> scan(write(""), "y", null)).isInstanceOf(CsvFormatException.class)
            .hasMessageEndingWith("data.csv is empty: a header row naming the columns is required");
        assertThatThrownBy(() -> scan(write("x,,y\n1,2,3\n"), "y", null))
            .hasMessageEndingWith("data.csv line 1: column 2 of the header row has no name");
        assertThatThrownBy(() -> scan(write("x,y,x\n1,2,3\n"), "y", null))
            .hasMessageEndingWith("data.csv line 1: column 'x' is named twice in the header row");
        assertThatThrownBy(() -> scan(write("x,y\n1,2\n\n\"3\nstill\",4,5\n"), "y", null))
            .hasMessageEndingWith("data.csv line 4: expected 2 columns as in the header, found 3");
        assertThatThrownBy(() -> scan(write("x,y\n1,2\n3,\"4\"5\n"), "y", null))
            .hasMessageContaining("data.csv line 3: Unexpected character ('5'");
        assertThatThrownBy(() -> scan(dir.resolve("absent.csv"), "y", null))
            .hasMessageEndingWith("absent.csv: no such readable file");
    }

    @Test
    void aLabelThatCannotBeReadAsTheTaskIsRefused() throws IOException {
        Path file = write("x,y\n1,a\n2,a\n3,b\n");
        assertThatThrownBy(() -> scan(file, "y", Task.REGRESSION))
            .hasMessageEndingWith("label column 'y' of " + file + " is not numeric (line 2: 'a'), so it cannot be a regression target");
        assertThatThrownBy(() -> scan(write("x,y\n1,a\n2,a\n3,\n"), "y", null))
            .hasMessageEndingWith("holds a single value, 'a': there is nothing to classify");
        assertThatThrownBy(() -> scan(write("x,y\n1,a\n"), "z", null))
            .hasMessageEndingWith("has no column 'z' to use as the label; its columns are x, y");
        assertThatThrownBy(() -> CsvDataset.scan(write("x,y\n1,a\n"), new CsvDataset.Options("y", ',', Set.of("w"), null)))
            .hasMessageEndingWith("has no column 'w' to ignore; its columns are x, y");
        assertThatThrownBy(() -> CsvDataset.scan(write("x,y\n1,a\n"), new CsvDataset.Options("y", ',', Set.of("y"), null)))
            .hasMessage("the label column 'y' cannot be ignored");
    }

    @Test
    void tooManyNumericClassesAreRefused() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i <= CsvDataset.MAX_NUMERIC_CLASSES; i++) {
            csv.append(i).append(',').append(i * 0.5).append('\n');
        }
        Path file = write(csv.toString());
        assertThatThrownBy(() -> scan(file, "y", Task.CLASSIFICATION))
            .hasMessageEndingWith("holds more than 1000 distinct numbers: too many to be classes; predict it with a regression learner");
    }
}
