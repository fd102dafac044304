#include "engine/aggregates/DistinctRowSet.h"

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/columns/ColumnFixedString.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

namespace pipit
{

namespace
{
constexpr size_t max_distinct_rows = 1ULL << 28;
}

void DistinctRowSet::appendKey(const IColumn & column, size_t row, std::string & key)
{
    if (column.isFixedWidth() || dynamic_cast<const ColumnFixedString *>(&column))
    {
        key += column.getDataAt(row);
        return;
    }
    if (dynamic_cast<const ColumnString *>(&column))
    {
        std::string_view s = column.getDataAt(row);
        UInt64 size = s.size();
        key.append(reinterpret_cast<const char *>(&size), sizeof(size));
        key += s;
        return;
    }
    if (const auto * nullable = dynamic_cast<const ColumnNullable *>(&column))
    {
        if (nullable->isNullAt(row))
        {
            key += '\0';
            return;
        }
        key += '\1';
        appendKey(nullable->getNestedColumn(), row, key);
        return;
    }
    std::string text = column[row].dump();
    UInt64 size = text.size();
    key.append(reinterpret_cast<const char *>(&size), sizeof(size));
    key += text;
}

void DistinctRowSet::init(const DataTypes & types)
{
    if (!columns.empty())
        return;
    for (const auto & type : types)
        columns.push_back(type->createColumn());
}

bool DistinctRowSet::add(const DataTypes & types, const IColumn ** source, size_t row)
{
    std::string key;
    for (size_t i = 0; i < types.size(); ++i)
        appendKey(*source[i], row, key);
    if (!keys.insert(std::move(key)).second)
        return false;
    init(types);
    for (size_t i = 0; i < types.size(); ++i)
        columns[i]->insertFrom(*source[i], row);
    return true;
}

void DistinctRowSet::merge(const DataTypes & types, const DistinctRowSet & rhs)
{
    if (rhs.columns.empty())
        return;
    std::vector<const IColumn *> source;
    for (const auto & column : rhs.columns)
        source.push_back(column.get());
    for (size_t row = 0; row < rhs.size(); ++row)
        add(types, source.data(), row);
}

void DistinctRowSet::write(const DataTypes & types, WriteBuffer & out) const
{
    size_t rows = size();
    writeVarUInt(rows, out);
    for (size_t i = 0; i < types.size() && rows; ++i)
        types[i]->serializeBinaryBulk(*columns[i], out, 0, rows);
}

void DistinctRowSet::read(const DataTypes & types, ReadBuffer & in)
{
    size_t rows = readStateSize(in, max_distinct_rows);
    if (rows == 0)
        return;
    MutableColumns read_columns;
    for (const auto & type : types)
    {
        read_columns.push_back(type->createColumn());
        readStateColumn(*type, *read_columns.back(), in, rows);
    }
    DistinctRowSet read_set;
    read_set.columns = std::move(read_columns);
    merge(types, read_set);
}

} // namespace pipit
