#pragma once

#include "engine/storage/IStorage.h"

#include <optional>

namespace pipit
{

/// The table function generateRandom('name Type, ...'[, seed[, max_string_length[, max_array_length]]]): an endless,
/// read-only stream of random rows (the query's LIMIT ends it), in one stream. With a seed the rows are a pure function
/// of (seed, column position in the structure, row number): the same for any block size or column subset. Without a
/// seed (or a NULL seed) each read draws a seed from the clock. Strings are 0..max_string_length printable ASCII
/// characters, arrays and maps 0..max_array_length elements; Nullable values are NULL with probability 1/2 (as
/// ClickHouse); dates, times and numbers cover their type's whole range, Decimal its precision.
///
/// Errors: BAD_ARGUMENTS (malformed structure), UNKNOWN_TYPE (via the type parser), ILLEGAL_COLUMN (a type it cannot
/// generate), TABLE_IS_READ_ONLY on writes.
class StorageGenerateRandom final : public IStorage
{
public:
    StorageGenerateRandom(const std::string & structure, std::optional<UInt64> seed, UInt64 max_string_length, UInt64 max_array_length);

    std::string getEngineName() const override { return "GenerateRandom"; }
    const ColumnsDescription & getColumns() const override { return columns_; }
    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    void truncate() override;
    void drop() override {}
    void deleteWhere(const IStorageExpression & predicate) override;

    /// The table function's storage from its evaluated arguments ('structure'[, seed | NULL[, max_string_length[,
    /// max_array_length]]]); defaults 10 and 10. Errors: NUMBER_OF_ARGUMENTS_DOESNT_MATCH, ILLEGAL_TYPE_OF_ARGUMENT.
    static StoragePtr create(const FieldVector & arguments);

    /// Columns of a structure string 'a UInt8, `b c` Array(String)'.
    static ColumnsDescription parseStructure(const std::string & structure);

private:
    ColumnsDescription columns_;
    std::optional<UInt64> seed_;
    UInt64 max_string_length_;
    UInt64 max_array_length_;
};

} // namespace pipit
