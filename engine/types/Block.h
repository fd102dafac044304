#pragma once

#include "engine/columns/IColumn.h"
#include "engine/types/IDataType.h"

#include <memory>
#include <string>
#include <vector>

namespace pipit
{

struct ColumnWithTypeAndName
{
    ColumnPtr column; /// may be null in a header (a Block that only describes structure)
    DataTypePtr type;
    std::string name;
};

/// Named, typed columns of equal length: the unit that flows between operators, into storage and
/// out to formats. Up to 65,536 rows per block on query paths (DESIGN.md §3).
class Block
{
public:
    Block() = default;
    explicit Block(std::vector<ColumnWithTypeAndName> columns)
        : data_(std::move(columns))
    {
    }

    size_t columns() const { return data_.size(); }
    /// Rows of the first column with data; 0 for an empty block or a header.
    size_t rows() const;
    bool empty() const { return data_.empty(); }

    void insert(ColumnWithTypeAndName column) { data_.push_back(std::move(column)); }
    void insert(size_t position, ColumnWithTypeAndName column);
    void erase(size_t position);
    void erase(const std::string & name);

    ColumnWithTypeAndName & getByPosition(size_t i) { return data_[i]; }
    const ColumnWithTypeAndName & getByPosition(size_t i) const { return data_[i]; }
    /// Throws THERE_IS_NO_COLUMN naming the column and the ones that exist.
    const ColumnWithTypeAndName & getByName(const std::string & name) const;
    ColumnWithTypeAndName & getByName(const std::string & name);
    const ColumnWithTypeAndName * findByName(const std::string & name) const;
    bool has(const std::string & name) const { return findByName(name) != nullptr; }
    size_t getPositionByName(const std::string & name) const;

    std::vector<std::string> getNames() const;
    DataTypes getDataTypes() const;

    /// Same structure without data (columns are null).
    Block cloneEmptyHeader() const;
    /// Same structure with empty mutable columns created by the types.
    Block cloneEmpty() const;
    /// Throws SIZES_OF_COLUMNS_DOESNT_MATCH if column lengths differ.
    void checkNumberOfRows() const;

    auto begin() { return data_.begin(); }
    auto end() { return data_.end(); }
    auto begin() const { return data_.begin(); }
    auto end() const { return data_.end(); }

private:
    std::vector<ColumnWithTypeAndName> data_;
};

using Blocks = std::vector<Block>;

} // namespace pipit
