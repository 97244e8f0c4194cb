package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    @TempDir
    Path dir;

    @Test
    void directoryWithTrainAndTestIsReadAsAnExistingSplit() throws Exception {
        Path split = Files.createDirectory(dir.resolve("mysplit"));
        TestData.write(split, "train.txt", "0\t0\n0\t1\n1\t1\n");
        TestData.write(split, "test.txt", "1\t0\n");
        Dataset d = DatasetLoader.load(split, LoadOptions.defaults());
        assertThat(d).isEqualTo(SplitDirectory.read(split));
        assertThat(d.name()).isEqualTo("mysplit");
    }

    @Test
    void citeULikeUsersDatIsDetectedFilteredAndSplit() throws Exception {
        Path cite = Files.createDirectory(dir.resolve("cite"));
        Path users = TestData.write(cite, "users.dat", "5 1 2 3 4 5\n2 1 2\n5 2 3 4 5 6\n");
        LoadOptions options = LoadOptions.defaults().withFilter(FilterOptions.minUserItems(5));
        Dataset d = DatasetLoader.load(users, options);
        assertThat(d.name()).isEqualTo("cite");
        assertThat(d.users().ids()).containsExactly("0", "2");
        assertThat(d.numItems()).isEqualTo(6);
        assertThat(d.train().size()).isEqualTo(8); // 5 - ceil(1) for each user
        assertThat(d.valid().size() + d.test().size()).isEqualTo(2);
        // the directory stands for its users.dat
        assertThat(DatasetLoader.load(cite, options)).isEqualTo(d);
    }

    @Test
    void movieLensDirectoryWithRatingThreshold() throws Exception {
        Path ml = Files.createDirectory(dir.resolve("ml-tiny"));
        TestData.write(ml, "ratings.csv", "userId,movieId,rating,timestamp\n1,10,5.0,1\n1,11,3.0,2\n1,12,4.0,3\n2,10,1.0,4\n");
        InteractionLog log = DatasetLoader.readLog(ml, LoadOptions.defaults().withMinRating(4.0));
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.users().ids()).containsExactly("1");
        assertThat(log.items().ids()).containsExactly("10", "12");
        Dataset d = DatasetLoader.load(ml, LoadOptions.defaults().withMinRating(4.0).withSplitter(SplitMethod.parse("loo:valid=false")));
        assertThat(d.name()).isEqualTo("ml-tiny");
        assertThat(TestData.pairs(d, d.test())).containsExactly("1:12");
    }

    @Test
    void gzippedJsonLinesAndDuplicates() throws Exception {
        Path f = TestData.writeGzip(dir, "Apps_5.json.gz", """
                {"reviewerID": "A", "asin": "x", "overall": 5, "unixReviewTime": 3}
                {"reviewerID": "A", "asin": "x", "overall": 4, "unixReviewTime": 1}
                {"reviewerID": "A", "asin": "y", "overall": 5, "unixReviewTime": 2}
                """);
        InteractionLog log = DatasetLoader.readLog(f, LoadOptions.defaults());
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.timestamp(0)).isEqualTo(1);
        assertThat(DatasetLoader.load(f, LoadOptions.defaults()).name()).isEqualTo("Apps_5");
    }

    @Test
    void otherFilesArePairsUnlessAFormatIsGiven() throws Exception {
        Path f = TestData.write(dir, "clicks.txt", "a x y\nb y z\n");
        InteractionLog pairs = DatasetLoader.readLog(f, LoadOptions.defaults());
        assertThat(pairs.items().ids()).containsExactly("x", "y");
        InteractionLog lines = DatasetLoader.readLog(f, LoadOptions.defaults().withFormat(DataFormat.USERLINES));
        assertThat(lines.items().ids()).containsExactly("x", "y", "z");
        assertThat(DatasetLoader.load(f, LoadOptions.defaults()).name()).isEqualTo("clicks");
    }

    @Test
    void csvUsesTheGivenLayout() throws Exception {
        Path f = TestData.write(dir, "events.csv", "when;who;what\n5;a;x\n6;b;x\n");
        LoadOptions options = LoadOptions.defaults().withDelimited(DelimitedFormat.parse("timestamp,user,item", ";", true));
        InteractionLog log = DatasetLoader.readLog(f, options);
        assertThat(log.users().ids()).containsExactly("a", "b");
        assertThat(log.timestamp(1)).isEqualTo(6);
    }

    @Test
    void emptyInputsAreErrors() throws Exception {
        Path empty = TestData.write(dir, "empty.txt", "# nothing\n");
        assertThatThrownBy(() -> DatasetLoader.load(empty, LoadOptions.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessage(empty + ": no interactions in file (read as pairs)");
        Path low = TestData.write(dir, "low.csv", "u,i,r\na,x,1\n");
        LoadOptions rated = LoadOptions.defaults().withDelimited(DelimitedFormat.parse("user,item,rating", ",", true)).withMinRating(4);
        assertThatThrownBy(() -> DatasetLoader.load(low, rated)).isInstanceOf(DataFormatException.class)
                .hasMessage(low + ": no interactions rated at least 4.0");
        Path nothing = Files.createDirectory(dir.resolve("nothing"));
        assertThatThrownBy(() -> DatasetLoader.load(nothing, LoadOptions.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(nothing + ": directory holds no split");
    }
}
