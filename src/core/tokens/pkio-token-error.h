/* pkio-token-error.h
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

typedef enum
{
  PKIO_TOKEN_ERROR_MODULE,
  PKIO_TOKEN_ERROR_NOT_RESPONDING,
  PKIO_TOKEN_ERROR_BAD_CERTIFICATE,
} PkioTokenError;

#define PKIO_TOKEN_ERROR (pkio_token_error_quark ())

GQuark pkio_token_error_quark (void);

G_END_DECLS
