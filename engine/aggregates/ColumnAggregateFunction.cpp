#include "engine/aggregates/ColumnAggregateFunction.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"

namespace pipit
{

ColumnAggregateFunction::ColumnAggregateFunction(AggregateFunctionPtr function)
    : function_(std::move(function))
    , arena_(std::make_unique<Arena>())
{
}

ColumnAggregateFunction::~ColumnAggregateFunction()
{
    if (!function_->hasTrivialDestructor())
        for (AggregateDataPtr place : data_)
            function_->destroy(place);
}

AggregateDataPtr ColumnAggregateFunction::insertEmptyState()
{
    data_.reserve(data_.size() + 1);
    AggregateDataPtr place = arena_->alignedAlloc(function_->sizeOfData(), function_->alignOfData());
    function_->create(place);
    data_.push_back(place);
    return place;
}

void ColumnAggregateFunction::insertMergeFrom(ConstAggregateDataPtr place)
{
    AggregateDataPtr dst = insertEmptyState();
    try
    {
        function_->merge(dst, place, arena_.get());
    }
    catch (...)
    {
        popBack(1);
        throw;
    }
}

void ColumnAggregateFunction::insertDeserialized(ReadBuffer & in)
{
    AggregateDataPtr dst = insertEmptyState();
    try
    {
        function_->deserialize(dst, in, arena_.get());
    }
    catch (...)
    {
        popBack(1);
        throw;
    }
}

Field ColumnAggregateFunction::operator[](size_t n) const
{
    WriteBufferFromString out;
    function_->serialize(data_[n], out);
    return Field(out.release());
}

void ColumnAggregateFunction::insert(const Field & value)
{
    const auto * s = value.tryGet<std::string>();
    if (!s)
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD,
                        "Cannot insert " + value.dump() + " into a column of states of " + function_->getName());
    ReadBufferFromMemory in(*s);
    insertDeserialized(in);
    if (!in.eof())
    {
        popBack(1);
        throw Exception(ErrorCode::CORRUPTED_DATA, "Extra bytes after the state of aggregate function " + function_->getName());
    }
}

void ColumnAggregateFunction::insertFrom(const IColumn & src, size_t n)
{
    insertMergeFrom(assertColumnCast<ColumnAggregateFunction>(src).data_[n]);
}

void ColumnAggregateFunction::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    const auto & from = assertColumnCast<ColumnAggregateFunction>(src);
    if (start + length > from.size())
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "insertRangeFrom out of bounds");
    for (size_t i = start; i < start + length; ++i)
        insertMergeFrom(from.data_[i]);
}

void ColumnAggregateFunction::popBack(size_t count)
{
    CHECK(count <= data_.size());
    for (size_t i = 0; i < count; ++i)
    {
        function_->destroy(data_.back());
        data_.pop_back();
    }
}

ColumnPtr ColumnAggregateFunction::filter(const Filter & filter, size_t) const
{
    if (filter.size() != data_.size())
        throw Exception(ErrorCode::SIZES_OF_COLUMNS_DOESNT_MATCH, "Size of filter doesn't match size of column");
    auto res = create(function_);
    for (size_t i = 0; i < data_.size(); ++i)
        if (filter[i])
            res->insertMergeFrom(data_[i]);
    return res;
}

ColumnPtr ColumnAggregateFunction::permute(const Permutation & perm, size_t limit) const
{
    size_t n = column_detail::permuteLimit(perm, limit);
    auto res = create(function_);
    for (size_t i = 0; i < n; ++i)
        res->insertMergeFrom(data_.at(perm[i]));
    return res;
}

ColumnPtr ColumnAggregateFunction::replicate(const Offsets & offsets) const
{
    if (offsets.size() != data_.size())
        throw Exception(ErrorCode::SIZES_OF_COLUMNS_DOESNT_MATCH, "Size of offsets doesn't match size of column");
    auto res = create(function_);
    UInt64 prev = 0;
    for (size_t i = 0; i < data_.size(); ++i)
    {
        for (UInt64 k = prev; k < offsets[i]; ++k)
            res->insertMergeFrom(data_[i]);
        prev = offsets[i];
    }
    return res;
}

int ColumnAggregateFunction::compareAt(size_t, size_t, const IColumn &, int) const
{
    return 0;
}

void ColumnAggregateFunction::updateHashWithValue(size_t n, UInt64 & hash) const
{
    WriteBufferFromString out;
    function_->serialize(data_[n], out);
    const std::string & s = out.str();
    hashCombine(hash, hashBytes(s.data(), s.size()));
}

size_t ColumnAggregateFunction::byteSize() const
{
    return data_.size() * (sizeof(AggregateDataPtr) + function_->sizeOfData());
}

} // namespace pipit
