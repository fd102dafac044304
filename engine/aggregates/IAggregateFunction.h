#pragma once

#include "engine/aggregates/Arena.h"
#include "engine/columns/IColumn.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/types/IDataType.h"

#include <memory>
#include <new>
#include <string>
#include <type_traits>

namespace pipit
{

using AggregateDataPtr = char *;
using ConstAggregateDataPtr = const char *;

class IAggregateFunction;
using AggregateFunctionPtr = std::shared_ptr<const IAggregateFunction>;

/// An aggregate function (ClickHouse's IAggregateFunction): a description of a state that lives in
/// caller-provided memory `place` (sizeOfData() bytes aligned to alignOfData()), plus the
/// operations on it. Lifecycle: create(place) -> add/merge/deserialize any number of times ->
/// insertResultInto (may be called more than once; does not consume the state) -> destroy(place)
/// (skippable when hasTrivialDestructor()).
///
/// Argument columns are full columns of the argument types the function was created with (the
/// caller expands Const and LowCardinality columns first); a Nullable argument column is passed as
/// ColumnNullable when the argument type is Nullable. `Arena` receives variable-size state data
/// that must live as long as the state (pass the same arena that owns `place`, or one that
/// outlives it).
///
/// State serialisation is versioned (DESIGN.md §3): serialize() writes getStateVersion() as one byte
/// and then serializeBody(); deserialize() reads the byte and throws CORRUPTED_DATA for a version it
/// does not know.
class IAggregateFunction
{
public:
    IAggregateFunction(DataTypes argument_types, FieldVector parameters)
        : argument_types_(std::move(argument_types))
        , parameters_(std::move(parameters))
    {
    }
    virtual ~IAggregateFunction() = default;

    /// Name including combinator suffixes, without parameters: "sum", "uniqIf", "quantilesState".
    virtual std::string getName() const = 0;
    /// Name with parameters as written in AggregateFunction(...) types: "quantiles(0.5, 0.9)".
    std::string getNameWithParameters() const;
    const DataTypes & getArgumentTypes() const { return argument_types_; }
    const FieldVector & getParameters() const { return parameters_; }
    virtual DataTypePtr getReturnType() const = 0;

    virtual size_t sizeOfData() const = 0;
    virtual size_t alignOfData() const = 0;
    virtual void create(AggregateDataPtr place) const = 0;
    virtual void destroy(AggregateDataPtr place) const noexcept = 0;
    virtual bool hasTrivialDestructor() const = 0;

    /// Adds row `row` of the argument columns.
    virtual void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const = 0;
    /// Adds row i to places[i] + place_offset for i in [0, rows) (GROUP BY: one state per row).
    virtual void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const = 0;
    /// addBatch for only the rows with filter[i] != 0 (-If, the Null adapter): one virtual call per
    /// block instead of one per row.
    virtual void addBatchFiltered(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena,
                                  const UInt8 * filter) const
    {
        for (size_t i = 0; i < rows; ++i)
            if (filter[i])
                add(places[i] + place_offset, columns, i, arena);
    }
    /// Adds rows [0, rows) to one state, only rows with filter[i] != 0 when filter is not null.
    virtual void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                                     const UInt8 * filter) const = 0;
    /// Merges the state `rhs` into `place` (both created by this function).
    virtual void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const = 0;
    /// merge(places[i] + place_offset, rhs[i] + place_offset) for i in [0, rows) (merging per-thread
    /// GROUP BY tables).
    virtual void mergeBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const AggregateDataPtr * rhs, Arena * arena) const
    {
        for (size_t i = 0; i < rows; ++i)
            merge(places[i] + place_offset, rhs[i] + place_offset, arena);
    }

    void serialize(ConstAggregateDataPtr place, WriteBuffer & out) const;
    /// `place` must be a freshly created state. Throws CORRUPTED_DATA on an unknown version or an
    /// impossible value, CANNOT_READ_ALL_DATA on short input; the state stays destroyable.
    void deserialize(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const;
    virtual UInt8 getStateVersion() const { return 1; }
    /// The state without the version byte (combinators call these on their nested function).
    virtual void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const = 0;
    virtual void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const = 0;

    /// Appends the result to `to`, a column of getReturnType().
    virtual void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const = 0;
    /// insertResultInto for places[i] + place_offset, i in [0, rows), in order.
    virtual void insertResultIntoBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, IColumn & to, Arena * arena) const
    {
        to.reserve(to.size() + rows);
        for (size_t i = 0; i < rows; ++i)
            insertResultInto(places[i] + place_offset, to, arena);
    }
    /// destroy(places[i] + place_offset) for i in [0, rows); nothing when hasTrivialDestructor().
    void destroyBatch(size_t rows, AggregateDataPtr * places, size_t place_offset) const noexcept
    {
        if (hasTrivialDestructor())
            return;
        for (size_t i = 0; i < rows; ++i)
            destroy(places[i] + place_offset);
    }

    /// Over Nullable arguments, the result stays non-Nullable and empty/all-NULL input gives the
    /// default result (count, uniq*, groupArray ...), instead of Nullable with NULL.
    virtual bool returnsDefaultWhenOnlyNull() const { return false; }

private:
    DataTypes argument_types_;
    FieldVector parameters_;
};

/// Checked element count read from a serialised state: CORRUPTED_DATA when above `limit`.
size_t readStateSize(ReadBuffer & in, size_t limit);
/// Appends `rows` values of `type` read with deserializeBinaryBulk, in pieces, so that a corrupted
/// count cannot allocate much more memory than the input actually holds.
void readStateColumn(const IDataType & type, IColumn & column, ReadBuffer & in, size_t rows);

/// Implements the state layout and the batch loops for a state struct `Data` on top of
/// Derived::add, which must be `final` so the loops call it directly, without a virtual call.
template <typename Data, typename Derived>
class IAggregateFunctionDataHelper : public IAggregateFunction
{
public:
    using IAggregateFunction::IAggregateFunction;

    size_t sizeOfData() const override { return sizeof(Data); }
    size_t alignOfData() const override { return alignof(Data); }
    void create(AggregateDataPtr place) const override { new (place) Data; }
    void destroy(AggregateDataPtr place) const noexcept override { data(place).~Data(); }
    bool hasTrivialDestructor() const override { return std::is_trivially_destructible_v<Data>; }

    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override
    {
        const Derived & self = static_cast<const Derived &>(*this);
        for (size_t i = 0; i < rows; ++i)
            self.Derived::add(places[i] + place_offset, columns, i, arena);
    }

    void addBatchFiltered(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena,
                          const UInt8 * filter) const override
    {
        const Derived & self = static_cast<const Derived &>(*this);
        for (size_t i = 0; i < rows; ++i)
            if (filter[i])
                self.Derived::add(places[i] + place_offset, columns, i, arena);
    }

    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override
    {
        const Derived & self = static_cast<const Derived &>(*this);
        if (filter)
        {
            for (size_t i = 0; i < rows; ++i)
                if (filter[i])
                    self.Derived::add(place, columns, i, arena);
        }
        else
        {
            for (size_t i = 0; i < rows; ++i)
                self.Derived::add(place, columns, i, arena);
        }
    }

    void insertResultIntoBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, IColumn & to, Arena * arena) const override
    {
        const Derived & self = static_cast<const Derived &>(*this);
        to.reserve(to.size() + rows);
        for (size_t i = 0; i < rows; ++i)
            self.Derived::insertResultInto(places[i] + place_offset, to, arena);
    }

protected:
    static Data & data(AggregateDataPtr place) { return *std::launder(reinterpret_cast<Data *>(place)); }
    static const Data & data(ConstAggregateDataPtr place) { return *std::launder(reinterpret_cast<const Data *>(place)); }
};

} // namespace pipit
