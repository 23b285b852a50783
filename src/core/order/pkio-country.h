/* pkio-country.h
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

#include <glib.h>

G_BEGIN_DECLS

/* ISO 3166-1 countries, read from the iso-codes data so that the list is
 * never written by hand. Codes are compared case-insensitively; the API
 * itself uses lower case ("nl", "us"). */

gboolean             pkio_country_is_known     (const char *code);
const char          *pkio_country_get_name     (const char *code);
const char * const  *pkio_country_get_codes    (void);
gboolean             pkio_country_uses_states  (const char *code);

/* ISO 3166-2 subdivisions, from iso-codes too. */
typedef struct
{
  const char *code;   /* "NL-NH" */
  const char *name;   /* English, as iso-codes writes it */
} PkioSubdivision;

const PkioSubdivision * const *pkio_country_get_subdivisions (const char *code);
const PkioSubdivision         *pkio_country_find_subdivision (const char *code,
                                                               const char *value);
GPtrArray                     *pkio_country_match_subdivisions (const char *code,
                                                                 const char *text);
const char                    *pkio_subdivision_get_name     (const PkioSubdivision *subdivision);
char                          *pkio_subdivision_dup_value    (const PkioSubdivision *subdivision,
                                                               gboolean               as_code);

G_END_DECLS
