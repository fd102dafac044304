#include "engine/types/Block.h"

#include "engine/base/Exception.h"

namespace pipit
{

size_t Block::rows() const
{
    for (const auto & c : data_)
        if (c.column)
            return c.column->size();
    return 0;
}

void Block::insert(size_t position, ColumnWithTypeAndName column)
{
    data_.insert(data_.begin() + static_cast<std::ptrdiff_t>(position), std::move(column));
}

void Block::erase(size_t position)
{
    data_.erase(data_.begin() + static_cast<std::ptrdiff_t>(position));
}

void Block::erase(const std::string & name)
{
    erase(getPositionByName(name));
}

const ColumnWithTypeAndName * Block::findByName(const std::string & name) const
{
    for (const auto & c : data_)
        if (c.name == name)
            return &c;
    return nullptr;
}

size_t Block::getPositionByName(const std::string & name) const
{
    for (size_t i = 0; i < data_.size(); ++i)
        if (data_[i].name == name)
            return i;
    std::string existing;
    for (const auto & c : data_)
        existing += (existing.empty() ? "" : ", ") + c.name;
    throw Exception(ErrorCode::THERE_IS_NO_COLUMN, "There is no column '" + name + "' in block; there are: " + existing);
}

const ColumnWithTypeAndName & Block::getByName(const std::string & name) const
{
    return data_[getPositionByName(name)];
}

ColumnWithTypeAndName & Block::getByName(const std::string & name)
{
    return data_[getPositionByName(name)];
}

std::vector<std::string> Block::getNames() const
{
    std::vector<std::string> names;
    for (const auto & c : data_)
        names.push_back(c.name);
    return names;
}

DataTypes Block::getDataTypes() const
{
    DataTypes types;
    for (const auto & c : data_)
        types.push_back(c.type);
    return types;
}

Block Block::cloneEmptyHeader() const
{
    Block res;
    for (const auto & c : data_)
        res.insert({nullptr, c.type, c.name});
    return res;
}

Block Block::cloneEmpty() const
{
    Block res;
    for (const auto & c : data_)
        res.insert({c.type->createColumn(), c.type, c.name});
    return res;
}

void Block::checkNumberOfRows() const
{
    size_t expected = rows();
    for (const auto & c : data_)
        if (c.column && c.column->size() != expected)
            throw Exception(ErrorCode::SIZES_OF_COLUMNS_DOESNT_MATCH, "Sizes of columns doesn't match: column '" + c.name + "' has " +
                                                                          std::to_string(c.column->size()) + " rows, expected " +
                                                                          std::to_string(expected));
}

} // namespace pipit
