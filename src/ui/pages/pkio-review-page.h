/* pkio-review-page.h
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

#include "pkio-account.h"
#include "pkio-order-book.h"
#include "pkio-order-response.h"
#include "pkio-outbox.h"
#include "pkio-page.h"
#include "pkio-settings.h"

G_BEGIN_DECLS

#define PKIO_TYPE_REVIEW_PAGE (pkio_review_page_get_type ())

G_DECLARE_FINAL_TYPE (PkioReviewPage, pkio_review_page, PKIO, REVIEW_PAGE, PkioPage)

PkioPage   *pkio_review_page_new               (PkioOrder      *order,
                                                 PkioAccount    *account);
const char *pkio_review_page_get_json          (PkioReviewPage *self);
gboolean    pkio_review_page_get_outcome_unknown (PkioReviewPage *self);
gboolean    pkio_review_page_get_submitted (PkioReviewPage *self);

void      pkio_review_page_set_order_book (PkioReviewPage *self,
                                           PkioOrderBook  *book);

G_END_DECLS
