#pragma once

#include "engine/sql/ASTNode.h"
#include "engine/sql/SettingChange.h"

namespace pipit
{

/// Base of statements that return a result: SELECT (ASTSelectWithUnionQuery), SHOW, DESCRIBE, EXPLAIN, EXISTS.
/// Holds the trailing `[INTO OUTFILE 'f'] [FORMAT name] [SETTINGS ...]` parts.
class ASTQueryWithOutput : public ASTNode
{
public:
    using ASTNode::ASTNode;

    /// Output format name as written (case-sensitive, like ClickHouse); empty when absent.
    std::string format;
    std::string out_file;
    /// SETTINGS written after FORMAT (SETTINGS before FORMAT belong to the SELECT itself).
    SettingsChanges output_settings;
};

} // namespace pipit
