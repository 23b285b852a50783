/* pkio-token-private.h
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <p11-kit/pkcs11.h>

#include "pkio-token.h"

G_BEGIN_DECLS

PkioToken *_pkio_token_new (const char          *module_name,
                            CK_SLOT_ID           slot_id,
                            const char          *slot_description,
                            const CK_TOKEN_INFO *info,
                            GPtrArray           *certificates,
                            const char          *certificates_error);

void       _pkio_token_set_pin_reporting (PkioToken *self,
                                          gboolean   reports_pin_state,
                                          gboolean   pin_locked_seen);
gboolean   _pkio_token_module_reports_pin_state (const char *library_manufacturer);

char      *_pkio_token_padded_string (const CK_UTF8CHAR *field,
                                      gsize              len);

G_END_DECLS
