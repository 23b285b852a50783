/* pkio-token-report.h
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

#include <json-glib/json-glib.h>

#include "pkio-token-monitor.h"

G_BEGIN_DECLS

/* What `pkio-order tokens` prints and what the token panel's diagnostics
 * copy: one wording for desk staff, support and the citizen. */

typedef enum
{
  PKIO_PCSCD_NOT_FOUND,
  PKIO_PCSCD_REFUSED,
  PKIO_PCSCD_REACHABLE,
} PkioPcscdState;

JsonNode       *pkio_token_report_to_json        (GListModel *tokens,
                                                  GPtrArray  *modules,
                                                  GDateTime  *now);
char           *pkio_token_report_to_text        (GListModel *tokens,
                                                  GPtrArray  *modules,
                                                  GDateTime  *now);
char           *pkio_token_report_flags_text     (PkioTokenFlags flags);
const char     *pkio_token_report_validity_text  (PkioTokenCertificateValidity validity);
const char     *pkio_token_report_readiness_text (PkioTokenReadiness readiness);
const char     *pkio_token_report_qualified_text (PkioTokenCertificate *cert,
                                                  GDateTime            *now);
gboolean        pkio_token_report_in_flatpak     (void);
PkioPcscdState  pkio_token_report_pcscd_state    (char      **socket_path);
const char     *pkio_token_report_pcscd_state_id (PkioPcscdState state);
char           *pkio_token_report_environment    (void);

G_END_DECLS
