/* pkio-agreement-page.h
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

#include "pkio-page.h"

G_BEGIN_DECLS

#define PKIO_TYPE_AGREEMENT_PAGE (pkio_agreement_page_get_type ())

G_DECLARE_FINAL_TYPE (PkioAgreementPage, pkio_agreement_page, PKIO, AGREEMENT_PAGE, PkioPage)

PkioPage *pkio_agreement_page_new (PkioOrder *order);

G_END_DECLS
