#include "platform/ingest/DatasourceIngestor.h"

#include "engine/base/Exception.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "platform/ingest/IngestCsvReader.h"
#include "platform/ingest/IngestJsonPath.h"

#include <gtest/gtest.h>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>

using namespace pipit;
using namespace std::chrono_literals;

namespace
{

class DatasourceIngestorTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        path_ = std::filesystem::temp_directory_path() / ("pipit-ingest-test-" + std::to_string(std::random_device {}()));
        std::filesystem::remove_all(path_);
        database_ = std::make_unique<Database>(DatabaseOptions {path_.string()});
        ingestor_ = std::make_unique<DatasourceIngestor>(*database_);
    }

    void TearDown() override
    {
        ingestor_.reset();
        database_.reset();
        std::filesystem::remove_all(path_);
    }

    std::string sql(const std::string & statement)
    {
        WriteBufferFromString out;
        StatementOptions options;
        options.default_format = "TSV";
        database_->execute(statement, nullptr, out, options);
        return out.release();
    }

    std::filesystem::path path_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<DatasourceIngestor> ingestor_;
};

std::string gzip(const std::string & text)
{
    z_stream stream {};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(static_cast<uLong>(text.size())) + 64, '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

} // namespace

TEST_F(DatasourceIngestorTest, JsonPathsMapNestedFieldsArraysAndWholeRow)
{
    sql("CREATE TABLE events (ts DateTime, user_id String, country Nullable(String), tags Array(String), first_tag String, raw String, "
        "tenant String DEFAULT 'none', n Int32) ENGINE = MergeTree ORDER BY ts");
    IngestTarget target {"default",
                         "events",
                         {{"ts", "$.ts"},
                          {"user_id", "$.user.id"},
                          {"country", "$.geo.country"},
                          {"tags", "$.tags[:]"},
                          {"first_tag", "$.tags[0]"},
                          {"raw", "$"},
                          {"tenant", "$.tenant"},
                          {"n", "$['a key'].n"}}};
    std::string body =
        R"({"ts":"2024-01-02 03:04:05","user":{"id":"u1"},"geo":{"country":"ES"},"tags":["a","b"],"tenant":"t1","a key":{"n":7}})"
        "\n"
        R"({"ts":"2024-01-02 03:04:06","user":{"id":42},"tags":[]})";
    IngestResult result = ingestor_->append(target, body, {});
    EXPECT_EQ(result.successful_rows, 2u);
    EXPECT_EQ(result.quarantined_rows, 0u);
    EXPECT_EQ(sql("SELECT user_id, country, tags, first_tag, tenant, n FROM events ORDER BY ts"),
              "u1\tES\t['a','b']\ta\tt1\t7\n42\t\\N\t[]\t\tnone\t0\n");
    EXPECT_EQ(
        sql("SELECT raw FROM events ORDER BY ts LIMIT 1"),
        std::string(
            R"({"ts":"2024-01-02 03:04:05","user":{"id":"u1"},"geo":{"country":"ES"},"tags":["a","b"],"tenant":"t1","a key":{"n":7}})") +
            "\n");
    EXPECT_EQ(sql("EXISTS TABLE events_quarantine"), "0\n");
}

TEST_F(DatasourceIngestorTest, ValueKindsIntoVariousTypes)
{
    sql("CREATE TABLE vk (id UInt32, lc LowCardinality(Nullable(String)), t64 DateTime64(3), flag Bool, u8 UInt8, s String, "
        "m Map(String, UInt32), nested Array(Array(Int32)), d Decimal(10, 2)) ENGINE = MergeTree ORDER BY id");
    std::string body =
        R"({"id": 1, "lc": "x", "t64": "2024-01-02 03:04:05.678", "flag": true, "u8": true, "s": 12.5, "m": {"a": 1}, "nested": [[1], [2, 3]], "d": "3.14"})"
        "\n"
        R"({"id": 2, "lc": null, "t64": 1700000000, "flag": false, "u8": 300, "s": {"k": [1, "v"]}, "m": {}, "nested": [], "d": 2})";
    IngestResult result = ingestor_->append({"default", "vk", {}}, body, {});
    EXPECT_EQ(result.successful_rows, 1u);
    EXPECT_EQ(result.quarantined_rows, 1u); // 300 does not fit UInt8
    EXPECT_EQ(sql("SELECT id, lc, t64, flag, u8, s, m, nested, d FROM vk"),
              "1\tx\t2024-01-02 03:04:05.678\ttrue\t1\t12.5\t{'a':1}\t[[1],[2,3]]\t3.14\n");
    EXPECT_EQ(sql("SELECT c__error_column, s, m FROM vk_quarantine"), "['u8']\t{\"k\":[1,\"v\"]}\t{}\n");
}

TEST_F(DatasourceIngestorTest, TopLevelKeysWithoutPaths)
{
    sql("CREATE TABLE t (a UInt64, b String, c Float64) ENGINE = MergeTree ORDER BY a");
    IngestResult result = ingestor_->append({"default", "t", {}}, "{\"a\": 1, \"b\": \"x\", \"c\": 1.5}\n{\"b\": \"y\", \"a\": 2}\n\n", {});
    EXPECT_EQ(result.successful_rows, 2u);
    EXPECT_EQ(sql("SELECT a, b, c FROM t ORDER BY a"), "1\tx\t1.5\n2\ty\t0\n");
}

TEST_F(DatasourceIngestorTest, TypeMismatchGoesToQuarantineWithReason)
{
    sql("CREATE TABLE m (id UInt32, level Float32, name String) ENGINE = MergeTree ORDER BY id");
    std::string body = "{\"id\": 1, \"level\": 1.5, \"name\": \"ok\"}\n"
                       "{\"id\": 2, \"level\": \"\", \"name\": \"bad\"}\n"
                       "{\"id\": -3, \"level\": \"x\", \"name\": \"worse\"}\n"
                       "{\"id\": 4, \"level\": 2, \"name\": \"ok2\"}\n";
    IngestOptions options;
    options.import_id = "IMPORT1";
    IngestResult result = ingestor_->append({"default", "m", {}}, body, options);
    EXPECT_EQ(result.successful_rows, 2u);
    EXPECT_EQ(result.quarantined_rows, 2u);
    EXPECT_EQ(result.import_id, "IMPORT1");
    ASSERT_FALSE(result.errors.empty());
    EXPECT_EQ(result.errors[0], "value '' on column 'level' is not Float32");
    EXPECT_EQ(sql("SELECT id, name FROM m ORDER BY id"), "1\tok\n4\tok2\n");
    EXPECT_EQ(sql("SELECT c__error_column, c__error, c__import_id, id, level, name FROM m_quarantine ORDER BY name"),
              "['level']\t['value \\'\\' on column \\'level\\' is not Float32']\tIMPORT1\t2\t\tbad\n"
              "['id','level']\t['value \\'-3\\' on column \\'id\\' is not UInt32','value \\'x\\' on column \\'level\\' is not "
              "Float32']\tIMPORT1\t-3\tx\tworse\n");
    EXPECT_EQ(sql("SELECT count() FROM m_quarantine WHERE insertion_date > now() - 3600"), "2\n");
}

TEST_F(DatasourceIngestorTest, MalformedLinesAreQuarantinedNotTheBatch)
{
    sql("CREATE TABLE j (a Int64, s String) ENGINE = MergeTree ORDER BY a");
    std::string body = "{\"a\": 1, \"s\": \"x\"}\n{\"a\": 2, \"s\": \n[1,2]\n{\"a\": 3}\n";
    IngestResult result = ingestor_->append({"default", "j", {}}, body, {});
    EXPECT_EQ(result.successful_rows, 2u);
    EXPECT_EQ(result.quarantined_rows, 2u);
    EXPECT_EQ(sql("SELECT a FROM j ORDER BY a"), "1\n3\n");
    std::string reasons = sql("SELECT c__error FROM j_quarantine");
    EXPECT_NE(reasons.find("malformed JSON"), std::string::npos) << reasons;
    EXPECT_NE(reasons.find("not a JSON object"), std::string::npos) << reasons;
    EXPECT_NE(reasons.find("{\"a\": 2, \"s\":"), std::string::npos) << reasons; // the raw row is kept
}

TEST_F(DatasourceIngestorTest, MissingFieldsGetDefaultExpressions)
{
    sql("CREATE TABLE d (id UInt32, tenant String DEFAULT 'none', doubled UInt32 DEFAULT id * 2, maybe Nullable(Int8), "
        "m UInt32 MATERIALIZED id + 1) ENGINE = MergeTree ORDER BY id");
    IngestResult result = ingestor_->append({"default", "d", {}},
                                            "{\"id\": 1}\n{\"id\": 2, \"tenant\": \"t\", \"doubled\": 5, \"maybe\": 3}\n"
                                            "{\"id\": 3, \"tenant\": null}",
                                            {});
    EXPECT_EQ(result.successful_rows, 3u);
    EXPECT_EQ(sql("SELECT id, tenant, doubled, maybe, m FROM d ORDER BY id"), "1\tnone\t2\t\\N\t2\n2\tt\t5\t3\t3\n3\tnone\t6\t\\N\t4\n");
}

TEST_F(DatasourceIngestorTest, JsonArrayBodyAndPrettyObject)
{
    sql("CREATE TABLE p (a Int64) ENGINE = MergeTree ORDER BY a");
    EXPECT_EQ(ingestor_->append({"default", "p", {}}, "[{\"a\": 1}, {\"a\": 2}]", {}).successful_rows, 2u);
    EXPECT_EQ(ingestor_->append({"default", "p", {}}, "{\n  \"a\": 3\n}\n", {}).successful_rows, 1u);
    EXPECT_EQ(sql("SELECT groupArray(a) FROM (SELECT a FROM p ORDER BY a)"), "[1,2,3]\n");
}

TEST_F(DatasourceIngestorTest, GzipBodies)
{
    sql("CREATE TABLE g (a Int64) ENGINE = MergeTree ORDER BY a");
    std::string plain;
    for (int i = 0; i < 1000; ++i)
        plain += "{\"a\": " + std::to_string(i) + "}\n";
    std::string compressed = gzip(plain);
    EXPECT_TRUE(DatasourceIngestor::isGzip(compressed));
    EXPECT_EQ(DatasourceIngestor::gunzip(compressed), plain);
    EXPECT_EQ(DatasourceIngestor::gunzip(compressed + gzip("x")), plain + "x"); // concatenated members
    EXPECT_EQ(ingestor_->append({"default", "g", {}}, compressed, {}).successful_rows, 1000u);
    EXPECT_EQ(sql("SELECT count(), sum(a) FROM g"), "1000\t499500\n");

    std::string corrupt = compressed;
    corrupt[corrupt.size() / 2] ^= 0x55;
    corrupt[corrupt.size() / 2 + 1] ^= 0x55;
    try
    {
        DatasourceIngestor::gunzip(corrupt);
        FAIL() << "corrupt gzip accepted";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CANNOT_DECOMPRESS);
    }
    try
    {
        DatasourceIngestor::gunzip(compressed.substr(0, compressed.size() / 2));
        FAIL() << "truncated gzip accepted";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CANNOT_DECOMPRESS);
    }
    try
    {
        DatasourceIngestor::gunzip(compressed, 100);
        FAIL() << "limit ignored";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::PAYLOAD_TOO_LARGE);
    }
}

TEST_F(DatasourceIngestorTest, CsvWithHeaderDialectAndQuarantine)
{
    sql("CREATE TABLE c (id UInt32, name String, score Nullable(Float64), tag String DEFAULT 'x') ENGINE = MergeTree ORDER BY id");
    IngestResult result = ingestor_->append({"default", "c", {}}, "name,id,score\n\"a, \"\"quoted\"\"\",1,1.5\nb,2,\nc,oops,3\n\nd,4,\\N\n",
                                            IngestOptions {IngestFormat::CSV});
    EXPECT_EQ(result.successful_rows, 3u);
    EXPECT_EQ(result.quarantined_rows, 1u);
    EXPECT_EQ(sql("SELECT id, name, score, tag FROM c ORDER BY id"), "1\ta, \"quoted\"\t1.5\tx\n2\tb\t\\N\tx\n4\td\t\\N\tx\n");
    EXPECT_EQ(sql("SELECT id, name, c__error_column FROM c_quarantine"), "oops\tc\t['id']\n");

    sql("TRUNCATE TABLE c");
    IngestOptions dialect;
    dialect.format = IngestFormat::CSV;
    dialect.csv_delimiter = ';';
    dialect.csv_new_line = "|";
    dialect.csv_escapechar = '\\';
    dialect.csv_header = IngestCsvHeader::Absent;
    result = ingestor_->append({"default", "c", {}}, "7;\"se\\\"mi;colon\";2|8;plain;|9;x;1;t;extra", dialect);
    EXPECT_EQ(result.successful_rows, 2u);
    EXPECT_EQ(result.quarantined_rows, 1u); // too many fields
    EXPECT_EQ(sql("SELECT id, name, score FROM c ORDER BY id"), "7\tse\"mi;colon\t2\n8\tplain\t\\N\n");
}

TEST_F(DatasourceIngestorTest, CsvReaderSplitsQuotedMultilineFields)
{
    IngestCsvReader reader("a,\"b\nc\",d\r\n\"unterminated", ',', "\n", 0);
    std::vector<IngestCsvField> fields;
    std::string_view raw;
    std::string error;
    ASSERT_TRUE(reader.next(fields, raw, error));
    ASSERT_EQ(fields.size(), 3u);
    EXPECT_EQ(fields[1].value, "b\nc");
    EXPECT_TRUE(fields[1].quoted);
    EXPECT_EQ(fields[2].value, "d");
    EXPECT_TRUE(error.empty());
    ASSERT_TRUE(reader.next(fields, raw, error));
    EXPECT_FALSE(error.empty());
    EXPECT_FALSE(reader.next(fields, raw, error));
    EXPECT_THROW(IngestCsvReader("", ',', "", 0), Exception);
}

TEST_F(DatasourceIngestorTest, ReplaceWholeAndWithCondition)
{
    sql("CREATE TABLE r (day UInt32, v String) ENGINE = MergeTree PARTITION BY day ORDER BY day");
    ingestor_->append({"default", "r", {}}, "{\"day\": 1, \"v\": \"old1\"}\n{\"day\": 2, \"v\": \"old2\"}\n{\"day\": 3, \"v\": \"old3\"}",
                      {});
    IngestResult result =
        ingestor_->replace({"default", "r", {}}, "{\"day\": 2, \"v\": \"new2\"}\n{\"day\": 3, \"v\": \"new3\"}\n", {}, "day = 2");
    EXPECT_EQ(result.successful_rows, 1u); // the day-3 row does not match the condition and is discarded
    EXPECT_EQ(sql("SELECT day, v FROM r ORDER BY day"), "1\told1\n2\tnew2\n3\told3\n");
    result = ingestor_->replace({"default", "r", {}}, "{\"day\": 9, \"v\": \"only\"}\n{\"day\": \"bad\"}", {}, "");
    EXPECT_EQ(result.successful_rows, 1u);
    EXPECT_EQ(result.quarantined_rows, 1u);
    EXPECT_EQ(sql("SELECT day, v FROM r"), "9\tonly\n");
}

TEST_F(DatasourceIngestorTest, DeleteCountAndTruncate)
{
    sql("CREATE TABLE del (a UInt32) ENGINE = MergeTree ORDER BY a");
    ingestor_->append({"default", "del", {}}, "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", {});
    EXPECT_EQ(ingestor_->countWhere("default", "del", "a >= 2"), 2u);
    EXPECT_EQ(ingestor_->deleteWhere("default", "del", "a >= 2"), 2u);
    EXPECT_EQ(sql("SELECT a FROM del"), "1\n");
    EXPECT_EQ(ingestor_->deleteWhere("default", "del", "a = 100"), 0u);
    ingestor_->truncate("default", "del");
    EXPECT_EQ(sql("SELECT count() FROM del"), "0\n");
    EXPECT_THROW(ingestor_->countWhere("default", "nope", "1"), Exception);
    EXPECT_THROW(ingestor_->countWhere("default", "del", "a >>> 2"), Exception);
}

TEST_F(DatasourceIngestorTest, UnknownTableAndBadPath)
{
    try
    {
        ingestor_->append({"default", "missing", {}}, "{}", {});
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::UNKNOWN_TABLE);
    }
    sql("CREATE TABLE bp (a Int32) ENGINE = MergeTree ORDER BY a");
    EXPECT_THROW(ingestor_->append({"default", "bp", {{"a", "a.b"}}}, "{}", {}), Exception);
    EXPECT_THROW(ingestor_->append({"default", "bp", {{"a", "$.x[:].y"}}}, "{}", {}), Exception);
    EXPECT_THROW(ingestor_->append({"default", "bp", {{"zz", "$.a"}}}, "{}", {}), Exception);
}

TEST_F(DatasourceIngestorTest, RecreatedTableIsNotServedFromStaleCache)
{
    sql("CREATE TABLE s (a Int32) ENGINE = MergeTree ORDER BY a");
    ingestor_->append({"default", "s", {}}, "{\"a\": 1, \"b\": \"x\"}", {});
    sql("DROP TABLE s");
    sql("CREATE TABLE s (a Int32, b String) ENGINE = MergeTree ORDER BY a");
    ingestor_->append({"default", "s", {}}, "{\"a\": 2, \"b\": \"y\"}", {});
    EXPECT_EQ(sql("SELECT a, b FROM s"), "2\ty\n");
}

TEST_F(DatasourceIngestorTest, UrlImportJobFromFileAndMissingFile)
{
    sql("CREATE TABLE u (a Int32) ENGINE = MergeTree ORDER BY a");
    auto file = path_ / "import.ndjson";
    {
        std::ofstream out(file);
        out << "{\"a\": 1}\n{\"a\": 2}\n{\"a\": \"x\"}\n";
    }
    JobQueue jobs;
    Job job = ingestor_->submitUrlImport(jobs, {"default", "u", {}}, "file://" + file.string(), {}, false, "");
    Job finished = jobs.wait(job.id, 10s);
    ASSERT_EQ(finished.status, JobStatus::Done) << finished.error;
    EXPECT_EQ(finished.statistics.row_count, 2u);
    EXPECT_EQ(finished.statistics.quarantined_rows, 1u);
    EXPECT_EQ(sql("SELECT sum(a) FROM u"), "3\n");
    std::string json = JobQueue::toJson(finished, "");
    EXPECT_NE(json.find("\"import_id\""), std::string::npos) << json;

    Job missing = ingestor_->submitUrlImport(jobs, {"default", "u", {}}, (path_ / "nope.csv").string(), {}, false, "");
    Job failed = jobs.wait(missing.id, 10s);
    EXPECT_EQ(failed.status, JobStatus::Error);
    EXPECT_NE(failed.error.find("nope.csv"), std::string::npos);

    // A URL the server refuses fails the request, before any job exists.
    EXPECT_THROW(ingestor_->submitUrlImport(jobs, {"default", "u", {}}, "ftp://example.com/x", {}, false, ""), Exception);

    ingestor_->setAllowLocalFileUrls(false);
    EXPECT_THROW(ingestor_->submitUrlImport(jobs, {"default", "u", {}}, "file://" + file.string(), {}, false, ""), Exception);
    EXPECT_THROW(ingestor_->submitUrlImport(jobs, {"default", "nope", {}}, "file:///x", {}, false, ""), Exception);
}

TEST_F(DatasourceIngestorTest, UrlImportLocalFilesOnlyUnderTheRoots)
{
    sql("CREATE TABLE u (a UInt32, b String) ENGINE = MergeTree ORDER BY a");
    std::filesystem::create_directories(path_ / "imports" / "sub");
    std::filesystem::create_directories(path_ / "outside");
    {
        std::ofstream(path_ / "imports" / "sub" / "in.csv") << "1,x\n";
        std::ofstream(path_ / "outside" / "secret.csv") << "2,y\n";
    }
    std::filesystem::create_symlink(path_ / "outside" / "secret.csv", path_ / "imports" / "link.csv");
    ingestor_->setLocalFileRoots({(path_ / "imports").string()});
    JobQueue jobs;
    Job inside =
        ingestor_->submitUrlImport(jobs, {"default", "u", {}}, "file://" + (path_ / "imports" / "sub" / "in.csv").string(), {}, false, "");
    EXPECT_EQ(jobs.wait(inside.id, 10s).status, JobStatus::Done);
    Job relative = ingestor_->submitUrlImport(jobs, {"default", "u", {}}, "sub/in.csv", {}, false, "");
    EXPECT_EQ(jobs.wait(relative.id, 10s).status, JobStatus::Done);

    for (const std::string & url :
         {"file://" + (path_ / "outside" / "secret.csv").string(), (path_ / "imports" / ".." / "outside" / "secret.csv").string(),
          std::string("../outside/secret.csv"), (path_ / "imports" / "link.csv").string(), std::string("/etc/passwd"),
          (path_ / "imports2" / "x.csv").string()})
    {
        try
        {
            ingestor_->submitUrlImport(jobs, {"default", "u", {}}, url, {}, false, "");
            ADD_FAILURE() << url << " was accepted";
        }
        catch (const Exception & e)
        {
            EXPECT_EQ(e.code(), ErrorCode::ACCESS_DENIED) << url;
        }
    }
    EXPECT_EQ(jobs.list("default", std::nullopt, std::nullopt).size(), 2u);
}

TEST_F(DatasourceIngestorTest, DeleteJob)
{
    sql("CREATE TABLE dj (a Int32) ENGINE = MergeTree ORDER BY a");
    ingestor_->append({"default", "dj", {}}, "{\"a\": 1}\n{\"a\": 2}", {});
    JobQueue jobs;
    Job job = ingestor_->submitDelete(jobs, "default", "dj", "a = 1");
    Job finished = jobs.wait(job.id, 10s);
    ASSERT_EQ(finished.status, JobStatus::Done) << finished.error;
    EXPECT_EQ(finished.kind, JobKind::DeleteData);
    EXPECT_EQ(sql("SELECT a FROM dj"), "2\n");
    // A condition that cannot run, or reads other tables, fails the request: no job is queued.
    for (const char * bad : {"nonexistent_column = 1", "a IN (SELECT 1)", "a IN (SELECT count() FROM system.tables)", "a = 1 FORMAT JSON",
                             "a = 1; DROP TABLE dj", "(a = 1", "a IN dj"})
    {
        EXPECT_THROW(ingestor_->submitDelete(jobs, "default", "dj", bad), Exception) << bad;
        EXPECT_THROW(ingestor_->countWhere("default", "dj", bad), Exception) << bad;
    }
    EXPECT_EQ(jobs.list("default", std::nullopt, std::nullopt).size(), 1u);
    EXPECT_EQ(sql("SELECT a FROM dj"), "2\n");
}

TEST_F(DatasourceIngestorTest, ConcurrentAppendsAndDurable)
{
    sql("CREATE TABLE cc (a UInt64) ENGINE = MergeTree ORDER BY a");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back(
            [&, t]
            {
                IngestOptions options;
                options.durable = t == 0;
                for (int i = 0; i < 200; ++i)
                    ingestor_->append({"default", "cc", {}}, "{\"a\": " + std::to_string(t * 1000 + i) + "}", options);
            });
    for (auto & thread : threads)
        thread.join();
    EXPECT_EQ(sql("SELECT count(), uniqExact(a) FROM cc"), "800\t800\n");
}

TEST(IngestJsonPath, Forms)
{
    EXPECT_TRUE(IngestJsonPath::parse("$").isWholeRow());
    EXPECT_FALSE(IngestJsonPath::parse("$.a").isWholeRow());
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.parse(std::string(R"({"a":{"b":[10,20,{"c":"x"}]},"k y":1})"));
    EXPECT_EQ(IngestJsonPath::parse("$.a.b[1]").find(root)->get_int64().value(), 20);
    EXPECT_EQ(IngestJsonPath::parse("$.a.b[-1].c").find(root)->get_string().value(), "x");
    EXPECT_EQ(IngestJsonPath::parse("$['k y']").find(root)->get_int64().value(), 1);
    EXPECT_TRUE(IngestJsonPath::parse("$.a.b[:]").find(root)->is_array());
    EXPECT_FALSE(IngestJsonPath::parse("$.a.b[7]").find(root).has_value());
    EXPECT_FALSE(IngestJsonPath::parse("$.a.zz").find(root).has_value());
    EXPECT_FALSE(IngestJsonPath::parse("$.a.b.c").find(root).has_value());
    EXPECT_THROW(IngestJsonPath::parse(""), Exception);
    EXPECT_THROW(IngestJsonPath::parse("$."), Exception);
    EXPECT_THROW(IngestJsonPath::parse("$[x]"), Exception);
    EXPECT_THROW(IngestJsonPath::parse("$['x"), Exception);
}

TEST(DatasourceIngestorIds, ImportIdsAreUlidLike)
{
    std::string a = DatasourceIngestor::newImportId();
    std::string b = DatasourceIngestor::newImportId();
    EXPECT_EQ(a.size(), 26u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), std::string::npos);
}

/// Throughput probe (not a pass/fail check): run with --gtest_also_run_disabled_tests.
TEST_F(DatasourceIngestorTest, DISABLED_SingleEventAndBatchThroughput)
{
    sql("CREATE TABLE tp (ts DateTime, user_id String, country LowCardinality(String), value Float64, n UInt32) ENGINE = MergeTree "
        "ORDER BY ts");
    IngestTarget target {"default", "tp", {{"user_id", "$.user.id"}, {"country", "$.geo.country"}}};
    std::string event = R"({"ts":"2024-01-02 03:04:05","user":{"id":"u1"},"geo":{"country":"ES"},"value":1.5,"n":7})";
    auto start = std::chrono::steady_clock::now();
    const int events = 50000;
    for (int i = 0; i < events; ++i)
        ingestor_->append(target, event, {});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("single-event appends: %.0f/s\n", events / seconds);
    std::string batch;
    for (int i = 0; i < 1000; ++i)
        batch += event + "\n";
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < 200; ++i)
        ingestor_->append(target, batch, {});
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("1000-event batches: %.0f/s (%.0f rows/s)\n", 200 / seconds, 200000 / seconds);
}
