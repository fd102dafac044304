#include "engine/aggregates/IAggregateFunction.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

namespace pipit
{

std::string IAggregateFunction::getNameWithParameters() const
{
    std::string res = getName();
    if (!parameters_.empty())
    {
        res += '(';
        for (size_t i = 0; i < parameters_.size(); ++i)
        {
            if (i)
                res += ", ";
            res += parameters_[i].dump();
        }
        res += ')';
    }
    return res;
}

void IAggregateFunction::serialize(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    out.write(static_cast<char>(getStateVersion()));
    serializeBody(place, out);
}

void IAggregateFunction::deserialize(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const
{
    if (in.eof())
        throw Exception(ErrorCode::CANNOT_READ_ALL_DATA, "Cannot read the state of aggregate function " + getName() + ": no data");
    UInt8 version = static_cast<UInt8>(in.get());
    if (version != getStateVersion())
        throw Exception(ErrorCode::CORRUPTED_DATA, "Unknown state format version " + std::to_string(version) + " of aggregate function " +
                                                       getName() + " (expected " + std::to_string(getStateVersion()) + ")");
    deserializeBody(place, in, arena);
}

size_t readStateSize(ReadBuffer & in, size_t limit)
{
    UInt64 size = readVarUInt(in);
    if (size > limit)
        throw Exception(ErrorCode::CORRUPTED_DATA,
                        "Aggregate function state has a size " + std::to_string(size) + " above the limit " + std::to_string(limit));
    return size;
}

void readStateColumn(const IDataType & type, IColumn & column, ReadBuffer & in, size_t rows)
{
    constexpr size_t piece = 65536;
    for (size_t done = 0; done < rows;)
    {
        size_t count = std::min(piece, rows - done);
        if (done == 0 && count == rows)
        {
            type.deserializeBinaryBulk(column, in, count);
            return;
        }
        auto part = type.createColumn();
        type.deserializeBinaryBulk(*part, in, count);
        column.insertRangeFrom(*part, 0, count);
        done += count;
    }
}

} // namespace pipit
