#include "engine/base/Exception.h"
#include "engine/io/ReadBuffer.h"
#include "engine/types/DataTypeFactory.h"

#include <gtest/gtest.h>

#include <random>

using namespace pipit;

namespace
{

/// Random text biased towards the characters the parsers care about.
std::string randomText(std::mt19937 & rng, size_t max_size)
{
    static const std::string alphabet = "()[]{},:'\"\\ \t\n-+.eE0123456789NnulLaTZxX`/UIntStrgDe";
    std::uniform_int_distribution<size_t> size_dist(0, max_size);
    std::uniform_int_distribution<size_t> char_dist(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> byte_dist(0, 255);
    std::string s(size_dist(rng), ' ');
    for (char & c : s)
        c = rng() % 10 == 0 ? static_cast<char>(byte_dist(rng)) : alphabet[char_dist(rng)];
    return s;
}

/// Mutates a valid text by replacing, inserting or deleting a few characters.
std::string mutate(std::mt19937 & rng, std::string s)
{
    std::string noise = randomText(rng, 3);
    size_t edits = 1 + rng() % 3;
    for (size_t i = 0; i < edits; ++i)
    {
        size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 3)
        {
        case 0:
            s.insert(pos, noise);
            break;
        case 1:
            if (pos < s.size())
                s.erase(pos, 1 + rng() % 3);
            break;
        default:
            if (pos < s.size())
                s[pos] = noise.empty() ? 'x' : noise[0];
            break;
        }
    }
    return s;
}

} // namespace

TEST(DataTypeRobustness, TypeNamesNeverCrash)
{
    std::mt19937 rng(42);
    std::vector<std::string> seeds = {"Nullable(String)",     "Tuple(a UInt8, b Array(String))",
                                      "DateTime64(3, 'UTC')", "Map(String, Array(Nullable(Float64)))",
                                      "Decimal(10, 2)",       "LowCardinality(Nullable(String))"};
    for (int i = 0; i < 20000; ++i)
    {
        std::string name = i % 2 ? randomText(rng, 40) : mutate(rng, seeds[rng() % seeds.size()]);
        try
        {
            DataTypePtr type = parseDataType(name);
            // Whatever parses must print a name that parses to the same type.
            EXPECT_EQ(parseDataType(type->getName())->getName(), type->getName()) << name;
        }
        catch (const Exception &)
        {
        }
    }
}

TEST(DataTypeRobustness, TextParsersNeverCrashAndLeaveColumnsConsistent)
{
    std::mt19937 rng(7);
    std::vector<std::pair<const char *, const char *>> types = {{"Int64", "-42"},
                                                                {"UInt8", "200"},
                                                                {"Float64", "1.5e-7"},
                                                                {"Bool", "true"},
                                                                {"String", "it's"},
                                                                {"FixedString(4)", "ab"},
                                                                {"Date", "2020-02-29"},
                                                                {"Date32", "1900-01-01"},
                                                                {"DateTime('Europe/Madrid')", "2024-03-31 02:30:00"},
                                                                {"DateTime64(3)", "2023-11-14 22:13:20.123"},
                                                                {"UUID", "01234567-89ab-cdef-fedc-ba9876543210"},
                                                                {"Decimal(9, 2)", "-1.05"},
                                                                {"Nullable(Int32)", "NULL"},
                                                                {"Array(Nullable(String))", "['a',NULL]"},
                                                                {"Tuple(a UInt8, b String)", "(1,'x')"},
                                                                {"Map(String, Array(UInt8))", "{'k':[1,2]}"},
                                                                {"LowCardinality(Nullable(String))", "v"},
                                                                {"Array(Array(Int8))", "[[1],[]]"}};
    using Deserialize = void (IDataType::*)(IColumn &, ReadBuffer &, const FormatSettings &) const;
    std::vector<Deserialize> readers = {&IDataType::deserializeWholeText, &IDataType::deserializeTextEscaped,
                                        &IDataType::deserializeTextQuoted, &IDataType::deserializeTextCSV, &IDataType::deserializeTextJSON};
    for (auto [name, sample] : types)
    {
        DataTypePtr type = parseDataType(name);
        auto column = type->createColumn();
        for (int i = 0; i < 3000; ++i)
        {
            std::string text = i % 3 == 0 ? randomText(rng, 30) : mutate(rng, sample);
            Deserialize reader = readers[rng() % readers.size()];
            size_t before = column->size();
            ReadBufferFromMemory in(text);
            try
            {
                (type.get()->*reader)(*column, in, FormatSettings {});
                ASSERT_EQ(column->size(), before + 1) << name << " " << text;
            }
            catch (const Exception & e)
            {
                ASSERT_NE(e.code(), ErrorCode::LOGICAL_ERROR) << name << " " << text << ": " << e.message();
                ASSERT_EQ(column->size(), before) << name << " " << text;
            }
        }
        // Every row that was accepted prints in every format.
        for (size_t row = 0; row < column->size(); ++row)
        {
            WriteBufferFromString out;
            type->serializeText(*column, row, out, {});
            type->serializeTextJSON(*column, row, out, {});
            type->serializeTextCSV(*column, row, out, {});
        }
    }
}

TEST(DataTypeRobustness, BinaryReadersRejectGarbage)
{
    std::mt19937 rng(3);
    for (const char * name : {"String", "Array(String)", "Array(Nullable(UInt8))", "Map(String, String)", "LowCardinality(String)",
                              "Tuple(String, Array(LowCardinality(Nullable(String))))", "FixedString(3)", "Decimal(38, 4)"})
    {
        DataTypePtr type = parseDataType(name);
        for (int i = 0; i < 2000; ++i)
        {
            std::string bytes = randomText(rng, 64);
            auto column = type->createColumn();
            ReadBufferFromMemory in(bytes);
            try
            {
                type->deserializeBinaryBulk(*column, in, 1 + rng() % 4);
            }
            catch (const Exception & e)
            {
                ASSERT_NE(e.code(), ErrorCode::LOGICAL_ERROR) << name << ": " << e.message();
            }
        }
    }
}
