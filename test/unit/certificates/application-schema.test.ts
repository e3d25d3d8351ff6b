// The certificate application form: one zod schema for the mini app and the API, messages as i18n keys.
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  applicationFormSchema,
  dropEmptyFields,
  requiredDocuments,
  type TApplicationDraft,
  type TApplicationFormInput,
  VALIDATION_KEYS,
  ZApplicationDraftSchema,
  ZApplicationFormSchema,
} from '../../../core/certificates/application-schema';
import { withCheckDigit } from '../../../core/certificates/resident-id';
import zhCN from '../../../core/i18n/locales/zh-CN/certificates.json';

const today = '2026-11-25';
const schema = applicationFormSchema({ today });

// Applicant: man born 1990-03-15; spouse: woman born 1992-07-08 (odd / even 17th digit).
const applicantId = withCheckDigit('36110219900315123');
const spouseId = withCheckDigit('36110219920708124');

function validForm(): TApplicationFormInput {
  return {
    applicant: {
      name: '欧阳晓明',
      sex: 'male',
      birthDate: '1990-03-15',
      idNumber: applicantId,
      phone: '13800138000',
    },
    hukouAddress: '江西省上饶市信州区朝阳镇龙潭村32号',
    currentResidence: { address: '广东省深圳市龙岗区坂田街道五和大道南2号', since: '2018-06-01' },
    marital: {
      status: 'first_marriage',
      marriageDate: '2016-10-01',
      spouse: { name: '李娜', idNumber: spouseId },
    },
    children: [
      { name: '欧阳子涵', sex: 'female', birthDate: '2017-08-09' },
      { name: '欧阳睿', sex: 'male', birthDate: '2021-01-30' },
    ],
  };
}

type Patch = (form: TApplicationFormInput & Record<string, unknown>) => void;
function withChange(patch: Patch): TApplicationFormInput {
  const form = structuredClone(validForm());
  patch(form as TApplicationFormInput & Record<string, unknown>);
  return form;
}

/** The issues as "path → key" strings, the form the UI shows them in. */
function issuesOf(input: unknown, s = schema): string[] {
  const result = s.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map(
    (i) => `${i.path.join('.')} → ${i.message.replace('certificates:validation.', '')}`,
  );
}

describe('ZApplicationFormSchema: a correct application', () => {
  it('accepts a complete first-marriage application with children', () => {
    expect(issuesOf(validForm())).toEqual([]);
  });

  it('trims names, addresses and the ID, and defaults children to none', () => {
    const result = schema.parse(
      withChange((f) => {
        f.applicant.name = '  欧阳晓明 ';
        f.applicant.idNumber = ` ${applicantId} `;
        f.hukouAddress = ' 江西省上饶市信州区朝阳镇龙潭村32号 ';
        delete f.children;
      }),
    );
    expect(result.applicant.name).toBe('欧阳晓明');
    expect(result.hukouAddress).toBe('江西省上饶市信州区朝阳镇龙潭村32号');
    expect(result.children).toEqual([]);
    expect(result.applicant.idNumber).toBe(applicantId);
  });

  it('accepts an ID typed with a lowercase x and stores it with X', () => {
    const id = withCheckDigit('11010519491231002'); // ends in X, a woman born 1949-12-31
    const result = schema.parse(
      withChange((f) => {
        f.applicant = { name: '王芳', sex: 'female', birthDate: '1949-12-31', idNumber: id.toLowerCase() };
        f.marital = { status: 'widowed' };
        f.children = [];
        f.currentResidence = { address: '浙江省杭州市西湖区某路1号' };
      }),
    );
    expect(result.applicant.idNumber).toBe('11010519491231002X');
  });

  it('accepts an unmarried applicant without marriage date or spouse', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.marital = { status: 'unmarried' };
        }),
      ),
    ).toEqual([]);
  });

  it.each(['divorced', 'widowed'] as const)(
    'accepts a %s applicant with or without the former marriage',
    (status) => {
      expect(
        issuesOf(
          withChange((f) => {
            f.marital = { status };
          }),
        ),
      ).toEqual([]);
      expect(
        issuesOf(
          withChange((f) => {
            f.marital.status = status;
          }),
        ),
      ).toEqual([]);
    },
  );

  it('accepts a form without the optional phone and residence start date', () => {
    const form = withChange((f) => {
      delete f.applicant.phone;
      delete f.currentResidence.since;
    });
    expect(issuesOf(form)).toEqual([]);
  });

  it('accepts dates equal to today', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.currentResidence.since = today;
        }),
      ),
    ).toEqual([]);
  });
});

describe('ZApplicationFormSchema: the resident ID', () => {
  it('rejects an ID whose check digit is wrong, on the ID field', () => {
    const wrong = applicantId.slice(0, 17) + (applicantId[17] === '0' ? '1' : '0');
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.idNumber = wrong;
        }),
      ),
    ).toEqual(['applicant.idNumber → idCheckDigit']);
  });

  it.each([
    ['a wrong length', '3611021990031512', 'idFormat'],
    ['an unknown province', withCheckDigit('99110219900315123'), 'idRegion'],
    ['an impossible birth date', withCheckDigit('36110219900230123'), 'idBirthDate'],
  ])('names the problem for %s', (_, id, key) => {
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.idNumber = id;
        }),
      ),
    ).toEqual([`applicant.idNumber → ${key}`]);
  });

  it('rejects a birth date that differs from the one in the ID, on the birth date field', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.birthDate = '1990-03-16';
        }),
      ),
    ).toEqual(['applicant.birthDate → birthDateMismatchId']);
  });

  it('rejects a sex that differs from the one in the ID, on the sex field', () => {
    // A woman marrying at 26 is still of age, so the only problem left is the mismatch.
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.sex = 'female';
        }),
      ),
    ).toEqual(['applicant.sex → sexMismatchId']);
  });

  it('rejects an ID with a birth date after today', () => {
    const future = withCheckDigit('36110220261126123');
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.idNumber = future;
        }),
      ),
    ).toEqual(['applicant.idNumber → idBirthDate']);
  });
});

describe('ZApplicationFormSchema: dates', () => {
  it.each([
    [
      'applicant.birthDate',
      ((f) => {
        f.applicant.birthDate = '2026-11-26';
      }) as Patch,
    ],
    [
      'currentResidence.since',
      ((f) => {
        f.currentResidence.since = '2026-11-26';
      }) as Patch,
    ],
    [
      'marital.marriageDate',
      ((f) => {
        f.marital.marriageDate = '2027-01-01';
      }) as Patch,
    ],
    [
      'children.1.birthDate',
      ((f) => {
        f.children![1]!.birthDate = '2026-12-01';
      }) as Patch,
    ],
  ])('rejects a date after today in %s', (path, patch) => {
    expect(issuesOf(withChange(patch))).toContain(`${path} → dateInFuture`);
  });

  it('measures "today" from the injected date, not the clock', () => {
    const form = withChange((f) => {
      f.children![1]!.birthDate = '2026-11-25';
    });
    expect(issuesOf(form, applicationFormSchema({ today: '2026-11-25' }))).toEqual([]);
    expect(issuesOf(form, applicationFormSchema({ today: '2026-11-24' }))).toEqual([
      'children.1.birthDate → dateInFuture',
    ]);
    expect(issuesOf(form, applicationFormSchema({ today: () => '2026-11-24' }))).toEqual([
      'children.1.birthDate → dateInFuture',
    ]);
  });

  it('refuses a malformed injected today', () => {
    expect(() => applicationFormSchema({ today: '25/11/2026' })).toThrow(RangeError);
  });

  it('the default instance reads the real clock', () => {
    expect(ZApplicationFormSchema.safeParse(validForm()).success).toBe(true);
    const future = withChange((f) => {
      f.currentResidence.since = '2999-01-01';
    });
    expect(issuesOf(future, ZApplicationFormSchema)).toEqual(['currentResidence.since → dateInFuture']);
  });

  it.each([
    ['2016/10/01', 'dateFormat'],
    ['2016-10-1', 'dateFormat'],
    ['2016-02-30', 'dateInvalid'],
    ['1899-12-31', 'dateTooEarly'],
  ])('reports one problem for the residence date %s', (since, key) => {
    expect(
      issuesOf(
        withChange((f) => {
          f.currentResidence.since = since;
        }),
      ),
    ).toEqual([`currentResidence.since → ${key}`]);
  });

  it('rejects a residence start date before the applicant was born', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.currentResidence.since = '1990-03-14';
        }),
      ),
    ).toEqual(['currentResidence.since → residenceBeforeBirth']);
    expect(
      issuesOf(
        withChange((f) => {
          f.currentResidence.since = '1990-03-15';
        }),
      ),
    ).toEqual([]);
  });
});

describe('ZApplicationFormSchema: marriage', () => {
  it.each(['first_marriage', 'remarried'] as const)(
    'requires a marriage date and spouse for %s',
    (status) => {
      expect(
        issuesOf(
          withChange((f) => {
            f.marital = { status };
          }),
        ),
      ).toEqual([
        'marital.marriageDate → marriageDateRequired',
        'marital.spouse.name → spouseRequired',
        'marital.spouse.idNumber → spouseRequired',
      ]);
    },
  );

  it('rejects a marriage date and a spouse for an unmarried applicant', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.marital.status = 'unmarried';
        }),
      ),
    ).toEqual(['marital.marriageDate → marriageDateNotAllowed', 'marital.spouse → spouseNotAllowed']);
  });

  it('rejects a marriage before the applicant was born', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.marital.marriageDate = '1989-01-01';
        }),
      ),
    ).toContain('marital.marriageDate → marriageBeforeBirth');
  });

  it('requires a man to be 22 on the marriage date, counting full years', () => {
    // Born 1990-03-15: 22 on 2012-03-15. The spouse (born 1992-07-08) is replaced by one born in 1980.
    const olderWife = withCheckDigit('36110219800101124');
    const at = (marriageDate: string) =>
      issuesOf(
        withChange((f) => {
          f.marital.marriageDate = marriageDate;
          f.marital.spouse!.idNumber = olderWife;
        }),
      );
    expect(at('2012-03-14')).toEqual(['marital.marriageDate → applicantUnderMarriageAgeMale']);
    expect(at('2012-03-15')).toEqual([]);
  });

  it('requires a woman to be 20 on the marriage date', () => {
    const woman = withCheckDigit('36110219950610128');
    const olderHusband = withCheckDigit('36110219800101111');
    const at = (marriageDate: string) =>
      issuesOf(
        withChange((f) => {
          f.applicant = { name: '李娜', sex: 'female', birthDate: '1995-06-10', idNumber: woman };
          f.marital = {
            status: 'first_marriage',
            marriageDate,
            spouse: { name: '王强', idNumber: olderHusband },
          };
          f.children = [];
        }),
      );
    expect(at('2015-06-09')).toEqual(['marital.marriageDate → applicantUnderMarriageAgeFemale']);
    expect(at('2015-06-10')).toEqual([]);
  });

  it("checks the spouse's age from the spouse's ID, on the spouse's ID field", () => {
    // Spouse is a woman born 1992-07-08: 20 on 2012-07-08.
    const at = (marriageDate: string) =>
      issuesOf(
        withChange((f) => {
          f.marital.marriageDate = marriageDate;
        }),
      );
    expect(at('2012-07-07')).toEqual(['marital.spouse.idNumber → spouseUnderMarriageAgeFemale']);
    expect(at('2012-07-08')).toEqual([]);
  });

  it('uses the 22-year threshold for a male spouse', () => {
    const woman = withCheckDigit('36110219800101128');
    const youngHusband = withCheckDigit('36110219950101111'); // 22 on 2017-01-01
    const form = (marriageDate: string) =>
      withChange((f) => {
        f.applicant = { name: '李娜', sex: 'female', birthDate: '1980-01-01', idNumber: woman };
        f.marital = { status: 'remarried', marriageDate, spouse: { name: '王强', idNumber: youngHusband } };
        f.children = [];
      });
    expect(issuesOf(form('2016-12-31'))).toEqual(['marital.spouse.idNumber → spouseUnderMarriageAgeMale']);
    expect(issuesOf(form('2017-01-01'))).toEqual([]);
  });

  it("rejects a spouse ID with a wrong check digit, on the spouse's ID field", () => {
    const wrong = spouseId.slice(0, 17) + (spouseId[17] === '0' ? '1' : '0');
    expect(
      issuesOf(
        withChange((f) => {
          f.marital.spouse!.idNumber = wrong;
        }),
      ),
    ).toEqual(['marital.spouse.idNumber → idCheckDigit']);
  });

  it("rejects the applicant's own ID as the spouse's, whatever the case of x", () => {
    const id = withCheckDigit('11010519491231002');
    const form = withChange((f) => {
      f.applicant = { name: '王芳', sex: 'female', birthDate: '1949-12-31', idNumber: id };
      f.marital = {
        status: 'first_marriage',
        marriageDate: '1975-01-01',
        spouse: { name: '王芳', idNumber: id.toLowerCase() },
      };
      f.children = [];
      delete f.currentResidence.since;
    });
    expect(issuesOf(form)).toEqual(['marital.spouse.idNumber → spouseIdSameAsApplicant']);
  });

  it('rejects a spouse without a name', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.marital.spouse!.name = '  ';
        }),
      ),
    ).toEqual(['marital.spouse.name → nameLength']);
  });
});

describe('ZApplicationFormSchema: children', () => {
  it('rejects a child without a name, on that child', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.children![1]!.name = ' ';
        }),
      ),
    ).toEqual(['children.1.name → childNameRequired']);
  });

  it("rejects a child born before the applicant's 12th birthday", () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.children![1]!.birthDate = '2002-03-14';
        }),
      ),
    ).toEqual(['children.1.birthDate → childBornTooEarly']);
    expect(
      issuesOf(
        withChange((f) => {
          f.children![1]!.birthDate = '2002-03-15';
        }),
      ),
    ).toEqual([]);
  });

  it('accepts ten children and rejects eleven', () => {
    const child = { name: '欧阳子涵', sex: 'female' as const, birthDate: '2017-08-09' };
    expect(
      issuesOf(
        withChange((f) => {
          f.children = Array(10).fill(child);
        }),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        withChange((f) => {
          f.children = Array(11).fill(child);
        }),
      ),
    ).toEqual(['children → tooManyChildren']);
  });

  it('rejects a child whose sex is not one of the choices', () => {
    expect(
      issuesOf(
        withChange((f) => {
          (f.children![0] as Record<string, unknown>).sex = 'boy';
        }),
      ),
    ).toEqual(['children.0.sex → chooseOne']);
  });
});

describe('ZApplicationFormSchema: names, addresses, phone', () => {
  it.each([
    ['an empty name', '', 'nameLength'],
    ['a 31-character name', '张'.repeat(31), 'nameLength'],
    ['a name with "|"', '张|明', 'nameCharacters'],
    ['a name with a line break', '张\n明', 'nameCharacters'],
  ])('rejects %s', (_, name, key) => {
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.name = name;
        }),
      ),
    ).toEqual([`applicant.name → ${key}`]);
  });

  it('counts a character outside the BMP as one when limiting names to 30', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.name = '𠮷'.repeat(30);
        }),
      ),
    ).toEqual([]);
  });

  it('accepts a transliterated or Latin name', () => {
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.name = '买买提·艾力';
        }),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        withChange((f) => {
          f.applicant.name = 'John Smith';
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'hukouAddress',
      '江西省',
      ((f) => {
        f.hukouAddress = '江西省';
      }) as Patch,
    ],
    [
      'hukouAddress',
      'too long',
      ((f) => {
        f.hukouAddress = '村'.repeat(201);
      }) as Patch,
    ],
    [
      'currentResidence.address',
      'blank',
      ((f) => {
        f.currentResidence.address = '     ';
      }) as Patch,
    ],
  ])('rejects the length of %s (%s)', (path, _, patch) => {
    expect(issuesOf(withChange(patch))).toEqual([`${path} → addressLength`]);
  });

  it.each(['12800138000', '1380013800', '138001380001', '+8613800138000', '138-0013-8000'])(
    'rejects the phone number %s',
    (phone) => {
      expect(
        issuesOf(
          withChange((f) => {
            f.applicant.phone = phone;
          }),
        ),
      ).toEqual(['applicant.phone → phoneFormat']);
    },
  );

  it('accepts a mainland mobile number with surrounding spaces', () => {
    expect(
      schema.parse(
        withChange((f) => {
          f.applicant.phone = ' 19912345678 ';
        }),
      ).applicant.phone,
    ).toBe('19912345678');
  });
});

describe('ZApplicationFormSchema: telling everything at once (一次性告知)', () => {
  it('reports missing fields as required at their exact paths', () => {
    expect(issuesOf({ applicant: {}, marital: {} })).toEqual([
      'applicant.name → required',
      'applicant.sex → required',
      'applicant.birthDate → required',
      'applicant.idNumber → required',
      'hukouAddress → required',
      'currentResidence → required',
      'marital.status → required',
    ]);
  });

  it('reports a value of the wrong type as invalid', () => {
    expect(
      issuesOf(
        withChange((f) => {
          (f.applicant as Record<string, unknown>).name = 42;
        }),
      ),
    ).toEqual(['applicant.name → invalidValue']);
    expect(issuesOf('not a form')).toEqual([' → invalidValue']);
  });

  it('reports field problems and cross-field problems in the same answer', () => {
    const form = withChange((f) => {
      f.hukouAddress = '江西';
      f.applicant.sex = 'female';
      f.children![0]!.name = '';
      f.children![1]!.birthDate = '2001-01-01';
      f.marital.spouse!.idNumber = applicantId;
    });
    expect(issuesOf(form).sort()).toEqual(
      [
        'hukouAddress → addressLength',
        'children.0.name → childNameRequired',
        'applicant.sex → sexMismatchId',
        'children.1.birthDate → childBornTooEarly',
        'marital.spouse.idNumber → spouseIdSameAsApplicant',
      ].sort(),
    );
  });

  it('only ever answers with keys of the certificates namespace that the locale files define', () => {
    const broken = {
      applicant: { name: '|', sex: 'x', birthDate: '2030-01-01', idNumber: '1', phone: '1' },
      hukouAddress: 7,
      currentResidence: { address: '', since: '1800-01-01' },
      marital: { status: 'unmarried', marriageDate: 'soon', spouse: { name: '', idNumber: applicantId } },
      children: [{ name: '', sex: 'male', birthDate: '2016-02-30' }],
    };
    const result = schema.safeParse(broken);
    expect(result.success).toBe(false);
    for (const issue of result.error!.issues) {
      const key = issue.message.replace(/^certificates:validation\./, '');
      expect(VALIDATION_KEYS).toContain(key);
      expect(zhCN.validation).toHaveProperty(key);
    }
  });
});

describe('ZApplicationDraftSchema', () => {
  it('accepts an empty draft and a half-filled one', () => {
    expect(ZApplicationDraftSchema.parse({})).toEqual({});
    const draft: TApplicationDraft = {
      applicant: { name: '欧阳', idNumber: '3611021990', phone: '138' },
      marital: { status: 'first_marriage', spouse: { name: '李' } },
      children: [{ name: '欧阳子涵' }],
    };
    expect(ZApplicationDraftSchema.parse(draft)).toEqual(draft);
  });

  it('accepts a complete form as a draft', () => {
    expect(ZApplicationDraftSchema.safeParse(schema.parse(validForm())).success).toBe(true);
  });

  it('still checks types, choices and sizes', () => {
    const result = ZApplicationDraftSchema.safeParse({
      applicant: { name: 5, sex: 'other' },
      hukouAddress: '村'.repeat(201),
      children: Array(11).fill({}),
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join('.')} → ${i.message}`)).toEqual([
      'applicant.name → certificates:validation.invalidValue',
      'applicant.sex → certificates:validation.chooseOne',
      'hukouAddress → certificates:validation.textTooLong',
      'children → certificates:validation.tooManyChildren',
    ]);
  });
});

describe('requiredDocuments', () => {
  it.each(['first_marriage', 'remarried'] as const)('asks for the marriage certificate when %s', (status) => {
    expect(requiredDocuments({ marital: { status } })).toEqual([
      'id_card',
      'hukou_page',
      'marriage_certificate',
    ]);
  });

  it.each(['unmarried', 'divorced', 'widowed'] as const)(
    'asks only for ID card and hukou page when %s',
    (status) => {
      expect(requiredDocuments({ marital: { status } })).toEqual(['id_card', 'hukou_page']);
    },
  );

  it('works on a draft without a marital status yet', () => {
    expect(requiredDocuments({})).toEqual(['id_card', 'hukou_page']);
  });
});

describe('helpers', () => {
  it('drops empty optional inputs so they count as not given', () => {
    const form = withChange((f) => {
      f.applicant.phone = '';
      f.currentResidence.since = '  ';
    });
    expect(issuesOf(form)).toEqual(['applicant.phone → phoneFormat', 'currentResidence.since → dateFormat']);
    const cleaned = dropEmptyFields(form);
    expect(cleaned.applicant).not.toHaveProperty('phone');
    expect(cleaned.currentResidence).not.toHaveProperty('since');
    expect(cleaned.children).toHaveLength(2);
    expect(issuesOf(cleaned)).toEqual([]);
  });

  it('counts age in full years, with a 29 February birthday reached on 1 March', () => {
    expect(ageOn('1990-03-15', '2012-03-14')).toBe(21);
    expect(ageOn('1990-03-15', '2012-03-15')).toBe(22);
    expect(ageOn('2000-02-29', '2022-02-28')).toBe(21);
    expect(ageOn('2000-02-29', '2022-03-01')).toBe(22);
  });
});
