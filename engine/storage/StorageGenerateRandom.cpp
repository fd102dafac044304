#include "engine/storage/StorageGenerateRandom.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeDateTime64.h"
#include "engine/types/DataTypeDecimal.h"
#include "engine/types/DataTypeFactory.h"
#include "engine/types/DataTypeFixedString.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeMap.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeTuple.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <limits>

namespace pipit
{

namespace
{

UInt64 splitMix64(UInt64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// xoshiro256** seeded by splitmix64: one independent stream per column.
class RandomStream
{
public:
    explicit RandomStream(UInt64 seed)
    {
        for (auto & s : state_)
        {
            seed += 0x9E3779B97F4A7C15ULL;
            s = splitMix64(seed);
        }
    }

    UInt64 next()
    {
        const UInt64 result = rotl(state_[1] * 5, 7) * 9;
        const UInt64 t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    /// Uniform in [0, bound] (bound < 2^64 - 1).
    UInt64 upTo(UInt64 bound) { return next() % (bound + 1); }

private:
    static UInt64 rotl(UInt64 x, int k) { return (x << k) | (x >> (64 - k)); }
    UInt64 state_[4] {};
};

Int128 powerOf10(UInt32 n)
{
    Int128 r = 1;
    for (UInt32 i = 0; i < n; ++i)
        r *= 10;
    return r;
}

/// Whether values of `type` can be generated (checked up front so a bad type fails before any read).
void checkGeneratable(const DataTypePtr & type)
{
    switch (type->getTypeId())
    {
    case TypeIndex::Nothing:
    case TypeIndex::AggregateFunction:
    case TypeIndex::SimpleAggregateFunction:
        throw Exception(ErrorCode::ILLEGAL_COLUMN, "generateRandom cannot generate values of type " + type->getName());
    case TypeIndex::Nullable:
        checkGeneratable(static_cast<const DataTypeNullable &>(*type).getNestedType());
        break;
    case TypeIndex::LowCardinality:
        checkGeneratable(static_cast<const DataTypeLowCardinality &>(*type).getDictionaryType());
        break;
    case TypeIndex::Array:
        checkGeneratable(static_cast<const DataTypeArray &>(*type).getNestedType());
        break;
    case TypeIndex::Tuple:
        for (const auto & element : static_cast<const DataTypeTuple &>(*type).getElements())
            checkGeneratable(element);
        break;
    case TypeIndex::Map:
        checkGeneratable(static_cast<const DataTypeMap &>(*type).getKeyType());
        checkGeneratable(static_cast<const DataTypeMap &>(*type).getValueType());
        break;
    default:
        break;
    }
}

class GenerateRandomSource final : public ISource
{
public:
    GenerateRandomSource(std::vector<DataTypePtr> types, std::vector<std::string> names, const std::vector<size_t> & positions, UInt64 seed,
                         UInt64 max_string_length, UInt64 max_array_length, size_t max_block_size)
        : types_(std::move(types))
        , names_(std::move(names))
        , max_string_length_(max_string_length)
        , max_array_length_(max_array_length)
        , max_block_size_(std::max<size_t>(1, max_block_size))
    {
        for (size_t position : positions)
            streams_.emplace_back(splitMix64(seed) ^ splitMix64(0xC0FFEEULL + position));
    }

    Block read() override
    {
        Block block;
        for (size_t c = 0; c < types_.size(); ++c)
        {
            auto column = types_[c]->createColumn();
            column->reserve(max_block_size_);
            fill(*column, *types_[c], streams_[c], max_block_size_);
            block.insert({std::move(column), types_[c], names_[c]});
        }
        if (types_.empty())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "generateRandom read without columns");
        return block;
    }

private:
    template <typename T>
    static void fillNumbers(IColumn & column, RandomStream & rng, size_t rows)
    {
        auto & data = assertColumnCast<ColumnVector<T>>(column).getData();
        size_t old = data.size();
        data.resize(old + rows);
        for (size_t i = 0; i < rows; ++i)
        {
            UInt64 bits = rng.next();
            if constexpr (std::is_same_v<T, Float32> || std::is_same_v<T, Float64>)
                data[old + i] = static_cast<T>((static_cast<double>(std::numeric_limits<T>::max()) / 18446744073709551615.0) *
                                               static_cast<double>(bits));
            else if constexpr (std::is_same_v<T, UInt128> || std::is_same_v<T, Int128>)
                data[old + i] = static_cast<T>((static_cast<UInt128>(bits) << 64) | rng.next());
            else
                data[old + i] = static_cast<T>(bits);
        }
    }

    std::string randomString(RandomStream & rng, size_t length) const
    {
        std::string s(length, ' ');
        for (auto & c : s)
            c = static_cast<char>(' ' + rng.upTo(94));
        return s;
    }

    Field randomValue(const IDataType & type, RandomStream & rng) const
    {
        switch (type.getTypeId())
        {
        case TypeIndex::UInt8:
            return Field(UInt64(static_cast<UInt8>(rng.next())));
        case TypeIndex::UInt16:
            return Field(UInt64(static_cast<UInt16>(rng.next())));
        case TypeIndex::UInt32:
        case TypeIndex::DateTime:
            return Field(UInt64(static_cast<UInt32>(rng.next())));
        case TypeIndex::UInt64:
            return Field(rng.next());
        case TypeIndex::Int8:
            return Field(Int64(static_cast<Int8>(rng.next())));
        case TypeIndex::Int16:
            return Field(Int64(static_cast<Int16>(rng.next())));
        case TypeIndex::Int32:
            return Field(Int64(static_cast<Int32>(rng.next())));
        case TypeIndex::Int64:
            return Field(static_cast<Int64>(rng.next()));
        case TypeIndex::Float32:
            return Field(static_cast<Float64>(static_cast<Float32>((3.4028234663852886e38 / 18446744073709551615.0) * double(rng.next()))));
        case TypeIndex::Float64:
            return Field((1.7976931348623157e308 / 18446744073709551615.0) * double(rng.next()));
        case TypeIndex::Bool:
            return Field(UInt64(rng.next() & 1));
        case TypeIndex::Date:
            return Field(UInt64(rng.upTo(65535)));
        case TypeIndex::Date32:
            /// 1900-01-01 .. 2299-12-31.
            return Field(Int64(-25567) + static_cast<Int64>(rng.upTo(146096)));
        case TypeIndex::DateTime64:
        {
            UInt32 scale = static_cast<const DataTypeDateTime64 &>(type).getScale();
            Int128 multiplier = powerOf10(scale);
            return Field(static_cast<Int64>(static_cast<Int128>(static_cast<UInt32>(rng.next())) * multiplier +
                                            static_cast<Int128>(rng.next() % static_cast<UInt64>(multiplier))));
        }
        case TypeIndex::Decimal32:
        case TypeIndex::Decimal64:
        case TypeIndex::Decimal128:
        {
            UInt32 precision = 0;
            UInt32 scale = 0;
            if (const auto * d32 = dynamic_cast<const DataTypeDecimal<Int32> *>(&type))
                precision = d32->getPrecision(), scale = d32->getScale();
            else if (const auto * d64 = dynamic_cast<const DataTypeDecimal<Int64> *>(&type))
                precision = d64->getPrecision(), scale = d64->getScale();
            else if (const auto * d128 = dynamic_cast<const DataTypeDecimal<Int128> *>(&type))
                precision = d128->getPrecision(), scale = d128->getScale();
            Int128 bound = powerOf10(precision);
            UInt128 bits = (static_cast<UInt128>(rng.next()) << 64) | rng.next();
            Int128 value = static_cast<Int128>(bits % static_cast<UInt128>(2 * bound - 1)) - (bound - 1);
            return Field(FieldDecimal {value, scale});
        }
        case TypeIndex::UUID:
        case TypeIndex::UInt128:
            return Field((static_cast<UInt128>(rng.next()) << 64) | rng.next());
        case TypeIndex::Int128:
            return Field(static_cast<Int128>((static_cast<UInt128>(rng.next()) << 64) | rng.next()));
        case TypeIndex::String:
            return Field(randomString(rng, rng.upTo(max_string_length_)));
        case TypeIndex::FixedString:
            return Field(randomString(rng, static_cast<const DataTypeFixedString &>(type).getN()));
        case TypeIndex::Nullable:
            if (rng.upTo(15) == 0)
                return Field(Null {});
            return randomValue(*static_cast<const DataTypeNullable &>(type).getNestedType(), rng);
        case TypeIndex::LowCardinality:
            return randomValue(*static_cast<const DataTypeLowCardinality &>(type).getDictionaryType(), rng);
        case TypeIndex::Array:
        {
            FieldArray array;
            size_t length = rng.upTo(max_array_length_);
            for (size_t i = 0; i < length; ++i)
                array.values.push_back(randomValue(*static_cast<const DataTypeArray &>(type).getNestedType(), rng));
            return Field(std::move(array));
        }
        case TypeIndex::Tuple:
        {
            FieldTuple tuple;
            for (const auto & element : static_cast<const DataTypeTuple &>(type).getElements())
                tuple.values.push_back(randomValue(*element, rng));
            return Field(std::move(tuple));
        }
        case TypeIndex::Map:
        {
            const auto & map_type = static_cast<const DataTypeMap &>(type);
            FieldMap map;
            size_t length = rng.upTo(max_array_length_);
            for (size_t i = 0; i < length; ++i)
                map.entries.push_back(
                    Field(FieldTuple {{randomValue(*map_type.getKeyType(), rng), randomValue(*map_type.getValueType(), rng)}}));
            return Field(std::move(map));
        }
        default:
            throw Exception(ErrorCode::ILLEGAL_COLUMN, "generateRandom cannot generate values of type " + type.getName());
        }
    }

    void fill(IColumn & column, const IDataType & type, RandomStream & rng, size_t rows) const
    {
        switch (type.getTypeId())
        {
        case TypeIndex::UInt8:
            return fillNumbers<UInt8>(column, rng, rows);
        case TypeIndex::UInt16:
            return fillNumbers<UInt16>(column, rng, rows);
        case TypeIndex::UInt32:
        case TypeIndex::DateTime:
            return fillNumbers<UInt32>(column, rng, rows);
        case TypeIndex::UInt64:
            return fillNumbers<UInt64>(column, rng, rows);
        case TypeIndex::Int8:
            return fillNumbers<Int8>(column, rng, rows);
        case TypeIndex::Int16:
            return fillNumbers<Int16>(column, rng, rows);
        case TypeIndex::Int32:
            return fillNumbers<Int32>(column, rng, rows);
        case TypeIndex::Int64:
            return fillNumbers<Int64>(column, rng, rows);
        case TypeIndex::Float32:
            return fillNumbers<Float32>(column, rng, rows);
        case TypeIndex::Float64:
            return fillNumbers<Float64>(column, rng, rows);
        default:
            for (size_t i = 0; i < rows; ++i)
                column.insert(randomValue(type, rng));
        }
    }

    std::vector<DataTypePtr> types_;
    std::vector<std::string> names_;
    std::vector<RandomStream> streams_;
    UInt64 max_string_length_;
    UInt64 max_array_length_;
    size_t max_block_size_;
};

} // namespace

StorageGenerateRandom::StorageGenerateRandom(const std::string & structure, std::optional<UInt64> seed, UInt64 max_string_length,
                                             UInt64 max_array_length)
    : columns_(parseStructure(structure))
    , seed_(seed)
    , max_string_length_(max_string_length)
    , max_array_length_(max_array_length)
{
    if (max_string_length > (UInt64(1) << 30) || max_array_length > (UInt64(1) << 30))
        throw Exception(ErrorCode::BAD_ARGUMENTS, "generateRandom: max_string_length and max_array_length must be at most 2^30");
    for (const auto & column : columns_)
        checkGeneratable(column.type);
}

StoragePtr StorageGenerateRandom::create(const FieldVector & arguments)
{
    if (arguments.empty() || arguments.size() > 4)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                        "Table function generateRandom requires 1 to 4 arguments: structure[, random_seed[, max_string_length[, "
                        "max_array_length]]], got " + std::to_string(arguments.size()));
    if (arguments[0].which() != Field::Which::String)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "The first argument of table function generateRandom must be a String structure");
    auto number = [&](size_t i, UInt64 default_value) -> std::optional<UInt64>
    {
        if (i >= arguments.size() || arguments[i].isNull())
            return i == 1 ? std::nullopt : std::optional<UInt64>(default_value);
        if (arguments[i].which() != Field::Which::UInt64 && arguments[i].which() != Field::Which::Int64)
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                            "Argument " + std::to_string(i + 1) + " of table function generateRandom must be an integer");
        if (i > 1 && arguments[i].which() == Field::Which::Int64 && arguments[i].toInt64() < 0)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Argument " + std::to_string(i + 1) + " of table function generateRandom must be >= 0");
        return arguments[i].toUInt64();
    };
    auto seed = number(1, 0);
    return std::make_shared<StorageGenerateRandom>(arguments[0].get<std::string>(), seed, *number(2, 10), *number(3, 10));
}

ColumnsDescription StorageGenerateRandom::parseStructure(const std::string & structure)
{
    ColumnsDescription columns;
    size_t pos = 0;
    auto skip_spaces = [&]
    {
        while (pos < structure.size() && std::isspace(static_cast<unsigned char>(structure[pos])))
            ++pos;
    };
    while (true)
    {
        skip_spaces();
        if (pos == structure.size())
            break;
        std::string name;
        if (structure[pos] == '`' || structure[pos] == '"')
        {
            char quote = structure[pos++];
            size_t end = structure.find(quote, pos);
            if (end == std::string::npos)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "generateRandom: unterminated column name in structure '" + structure + "'");
            name = structure.substr(pos, end - pos);
            pos = end + 1;
        }
        else
        {
            size_t begin = pos;
            while (pos < structure.size() && (std::isalnum(static_cast<unsigned char>(structure[pos])) || structure[pos] == '_'))
                ++pos;
            name = structure.substr(begin, pos - begin);
        }
        skip_spaces();
        size_t begin = pos;
        int depth = 0;
        while (pos < structure.size() && (depth > 0 || structure[pos] != ','))
        {
            if (structure[pos] == '(')
                ++depth;
            else if (structure[pos] == ')')
                --depth;
            else if (structure[pos] == '\'')
            {
                size_t end = structure.find('\'', pos + 1);
                pos = end == std::string::npos ? structure.size() - 1 : end;
            }
            ++pos;
        }
        std::string type_name = structure.substr(begin, pos - begin);
        while (!type_name.empty() && std::isspace(static_cast<unsigned char>(type_name.back())))
            type_name.pop_back();
        if (name.empty() || type_name.empty() || depth != 0)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "generateRandom: expected 'name Type, ...' as the structure, got '" + structure + "'");
        for (const auto & column : columns)
            if (column.name == name)
                throw Exception(ErrorCode::DUPLICATE_COLUMN, "generateRandom: column " + name + " appears twice in the structure");
        ColumnDescription column;
        column.name = name;
        column.type = DataTypeFactory::parse(type_name);
        columns.push_back(std::move(column));
        if (pos < structure.size())
            ++pos;
    }
    if (columns.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "generateRandom: the structure has no columns");
    return columns;
}

void StorageGenerateRandom::insert(const Block &, bool)
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "Table function generateRandom is read-only");
}

void StorageGenerateRandom::truncate()
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "Table function generateRandom is read-only");
}

void StorageGenerateRandom::deleteWhere(const IStorageExpression &)
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "Table function generateRandom is read-only");
}

std::vector<SourcePtr> StorageGenerateRandom::read(const ReadRequest & request, ReadStatistics * statistics)
{
    std::vector<DataTypePtr> types;
    std::vector<std::string> names;
    std::vector<size_t> positions;
    for (const auto & name : request.column_names)
    {
        size_t position = columns_.size();
        for (size_t i = 0; i < columns_.size(); ++i)
            if (columns_[i].name == name)
                position = i;
        if (position == columns_.size())
            throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "There is no column " + name + " in generateRandom");
        types.push_back(columns_[position].type);
        names.push_back(name);
        positions.push_back(position);
    }
    /// count() and constant-only queries read no column: generate the first one and let the caller ignore it.
    if (types.empty())
    {
        types.push_back(columns_[0].type);
        names.push_back(columns_[0].name);
        positions.push_back(0);
    }
    UInt64 seed = seed_ ? *seed_
                        : static_cast<UInt64>(std::chrono::high_resolution_clock::now().time_since_epoch().count()) ^
            reinterpret_cast<UInt64>(this);
    if (statistics)
        *statistics = ReadStatistics {};
    std::vector<SourcePtr> sources;
    sources.push_back(std::make_unique<GenerateRandomSource>(std::move(types), std::move(names), positions, seed, max_string_length_,
                                                             max_array_length_, request.max_block_size));
    return sources;
}

} // namespace pipit
